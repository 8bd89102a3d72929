package io.tributary.common.link;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The certificate authority of one deployment (for example the data centres of a Gaia run): it
 * issues one certificate per endpoint, whose common name is the endpoint's id. Links trust only
 * this CA and accept only listed ids, so an endpoint without a certificate from this CA, or with
 * one for an id that is not listed, cannot join.
 *
 * <p>Keys are EC P-256, generated at run time with BouncyCastle's certificate builder and the
 * JDK's providers; nothing is read from or committed to the repository. A real deployment would
 * use its own PKI: {@link EndpointCredentials#load} reads any PKCS#12 key store plus CA PEM.
 */
public final class DeploymentCa {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String name;
  private final KeyPair keys;
  private final X509Certificate certificate;
  private final Duration validity;

  private DeploymentCa(String name, KeyPair keys, X509Certificate certificate, Duration validity) {
    this.name = name;
    this.keys = keys;
    this.certificate = certificate;
    this.validity = validity;
  }

  /** Creates a new CA named {@code name}, valid for 30 days. */
  public static DeploymentCa create(String name) {
    return create(name, Duration.ofDays(30));
  }

  /** Creates a new CA named {@code name} whose certificates are valid for {@code validity}. */
  public static DeploymentCa create(String name, Duration validity) {
    checkId(name);
    try {
      KeyPair kp = newKeyPair();
      X500Name subject = new X500Name("CN=" + name + ",O=Tributary deployment CA");
      Instant now = Instant.now();
      X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject, serial(),
          Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(validity)), subject, kp.getPublic());
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
      b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      return new DeploymentCa(name, kp, sign(b, kp), validity);
    } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
      throw new IllegalStateException("cannot create deployment CA " + name + ": " + e.getMessage(), e);
    }
  }

  /** The CA's name. */
  public String name() {
    return name;
  }

  /** The CA certificate every endpoint of the deployment trusts. */
  public X509Certificate certificate() {
    return certificate;
  }

  /**
   * Issues credentials for endpoint {@code id}: a fresh key pair and a certificate with
   * {@code CN=id}, usable for both TLS client and server authentication.
   */
  public EndpointCredentials issue(String id) {
    checkId(id);
    try {
      KeyPair kp = newKeyPair();
      Instant now = Instant.now();
      X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(certificate, serial(),
          Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(validity)),
          new X500Name("CN=" + id + ",O=Tributary endpoint"), kp.getPublic());
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement));
      b.addExtension(Extension.extendedKeyUsage, false,
          new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
      b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
          new GeneralName(GeneralName.dNSName, id), new GeneralName(GeneralName.dNSName, "localhost"),
          new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
      X509Certificate cert = sign(b, keys);
      return new EndpointCredentials(id, kp.getPrivate(), new X509Certificate[] {cert, certificate}, certificate);
    } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
      throw new IllegalStateException("cannot issue a certificate for " + id + ": " + e.getMessage(), e);
    }
  }

  /**
   * Writes the CA certificate as PEM (what endpoints need to trust the deployment). It is public,
   * but lives beside the key stores, so it is written the same way: owner-only and atomically.
   */
  public void writeCertificatePem(Path file) throws IOException {
    SecretFiles.write(file, toPem(certificate).getBytes(StandardCharsets.US_ASCII));
  }

  /** PEM text of a certificate. */
  public static String toPem(X509Certificate cert) {
    try {
      String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(cert.getEncoded());
      return "-----BEGIN CERTIFICATE-----\n" + b64 + "\n-----END CERTIFICATE-----\n";
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException("cannot encode certificate " + cert.getSubjectX500Principal(), e);
    }
  }

  /** Rejects ids that cannot be a certificate common name or a file name. */
  public static String checkId(String id) {
    if (id == null || !ID.matcher(id).matches()) {
      throw new IllegalArgumentException("endpoint id '" + id + "' must match " + ID.pattern());
    }
    return id;
  }

  private static KeyPair newKeyPair() throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
    return g.generateKeyPair();
  }

  private static BigInteger serial() {
    return new BigInteger(63, RANDOM).add(BigInteger.ONE);
  }

  private static X509Certificate sign(X509v3CertificateBuilder b, KeyPair issuer)
      throws OperatorCreationException, GeneralSecurityException {
    ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.getPrivate());
    return new JcaX509CertificateConverter().getCertificate(b.build(signer));
  }
}
