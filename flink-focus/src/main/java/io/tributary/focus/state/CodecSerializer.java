package io.tributary.focus.state;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Objects;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * A Flink {@link TypeSerializer} for state objects with an explicit binary format ({@link StateCodec}),
 * written length-prefixed. With the heap state backend the object lives as-is between checkpoints
 * (copies are made only while a snapshot is in flight); with RocksDB it is encoded on each update.
 */
public final class CodecSerializer<T> extends TypeSerializer<T> {
  private static final long serialVersionUID = 1L;
  private final StateCodec<T> codec;

  public CodecSerializer(StateCodec<T> codec) {
    this.codec = codec;
  }

  byte[] encode(T value) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(b)) {
      codec.write(value, out);
    }
    return b.toByteArray();
  }

  T decode(byte[] bytes) throws IOException {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      return codec.read(in);
    }
  }

  @Override
  public boolean isImmutableType() {
    return false;
  }

  @Override
  public TypeSerializer<T> duplicate() {
    return this;
  }

  @Override
  public T createInstance() {
    return null;
  }

  @Override
  public T copy(T from) {
    if (from == null) {
      return null;
    }
    try {
      return decode(encode(from));
    } catch (IOException e) {
      throw new IllegalStateException("copying state with " + codec.getClass().getName(), e);
    }
  }

  @Override
  public T copy(T from, T reuse) {
    return copy(from);
  }

  @Override
  public int getLength() {
    return -1;
  }

  @Override
  public void serialize(T record, DataOutputView target) throws IOException {
    byte[] b = encode(record);
    target.writeInt(b.length);
    target.write(b);
  }

  @Override
  public T deserialize(DataInputView source) throws IOException {
    byte[] b = new byte[source.readInt()];
    source.readFully(b);
    return decode(b);
  }

  @Override
  public T deserialize(T reuse, DataInputView source) throws IOException {
    return deserialize(source);
  }

  @Override
  public void copy(DataInputView source, DataOutputView target) throws IOException {
    int n = source.readInt();
    target.writeInt(n);
    target.write(source, n);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CodecSerializer<?> c && c.codec.getClass() == codec.getClass();
  }

  @Override
  public int hashCode() {
    return Objects.hash(codec.getClass());
  }

  @Override
  public TypeSerializerSnapshot<T> snapshotConfiguration() {
    return new Snapshot<>(codec.getClass().getName());
  }

  /** Remembers the codec class; the codec's own format carries the version of the data. */
  public static final class Snapshot<T> implements TypeSerializerSnapshot<T> {
    private String codecClass;

    public Snapshot() {}

    Snapshot(String codecClass) {
      this.codecClass = codecClass;
    }

    @Override
    public int getCurrentVersion() {
      return 1;
    }

    @Override
    public void writeSnapshot(DataOutputView out) throws IOException {
      out.writeUTF(codecClass);
    }

    @Override
    public void readSnapshot(int version, DataInputView in, ClassLoader cl) throws IOException {
      codecClass = in.readUTF();
    }

    @Override
    @SuppressWarnings("unchecked")
    public TypeSerializer<T> restoreSerializer() {
      try {
        StateCodec<T> c = (StateCodec<T>) Class.forName(codecClass, true, Thread.currentThread().getContextClassLoader())
            .getDeclaredConstructor().newInstance();
        return new CodecSerializer<>(c);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("state codec " + codecClass + " named in the checkpoint is not available", e);
      }
    }

    @Override
    public TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(TypeSerializerSnapshot<T> old) {
      return old instanceof Snapshot<T> s && Objects.equals(s.codecClass, codecClass)
          ? TypeSerializerSchemaCompatibility.compatibleAsIs()
          : TypeSerializerSchemaCompatibility.incompatible();
    }
  }
}
