package io.tributary.common.link;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collections;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * What one endpoint needs for mutual TLS: its private key, its certificate chain (whose leaf has
 * {@code CN=id}), and the one CA certificate it trusts. {@link #sslContext()} builds a TLS 1.3
 * context that presents this certificate and trusts only that CA.
 *
 * @param id the endpoint id, equal to the leaf certificate's common name
 * @param key the endpoint's private key
 * @param chain leaf certificate first
 * @param trustedCa the deployment CA: the only anchor peers are validated against
 */
public record EndpointCredentials(String id, PrivateKey key, X509Certificate[] chain, X509Certificate trustedCa) {
  private static final String ALIAS = "endpoint";

  public EndpointCredentials {
    DeploymentCa.checkId(id);
    if (chain.length == 0) {
      throw new IllegalArgumentException("empty certificate chain for " + id);
    }
    String cn = commonName(chain[0]);
    if (!id.equals(cn)) {
      throw new IllegalArgumentException("certificate for '" + id + "' has common name '" + cn + "'");
    }
  }

  /** A TLS 1.3 context presenting these credentials and trusting only {@link #trustedCa}. */
  public SSLContext sslContext() {
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      char[] pw = new char[0];
      ks.setKeyEntry(ALIAS, key, pw, chain);
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, pw);
      KeyStore ts = KeyStore.getInstance("PKCS12");
      ts.load(null, null);
      ts.setCertificateEntry("deployment-ca", trustedCa);
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(ts);
      SSLContext ctx = SSLContext.getInstance("TLSv1.3");
      ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
      return ctx;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot build a TLS context for " + id + ": " + e.getMessage(), e);
    }
  }

  /**
   * Writes the key and chain as a PKCS#12 key store protected by {@code password}, owner-only from
   * the moment the file exists where the file system supports permissions ({@link SecretFiles}).
   */
  public void writePkcs12(Path file, char[] password) throws IOException {
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      ks.setKeyEntry(ALIAS, key, password, chain);
      SecretFiles.write(file, out -> {
        try {
          ks.store(out, password);
        } catch (GeneralSecurityException e) {
          throw new IOException("cannot write key store " + file + ": " + e.getMessage(), e);
        }
      });
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot write key store " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Loads credentials from a PKCS#12 key store (first key entry) and a PEM file holding the CA
   * certificate to trust. Errors name the file and what is wrong with it.
   */
  public static EndpointCredentials load(Path pkcs12, char[] password, Path caPem) throws IOException {
    X509Certificate ca = readPemCertificate(caPem);
    try (InputStream in = Files.newInputStream(pkcs12)) {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      try {
        ks.load(in, password);
      } catch (IOException e) {
        throw new IOException("cannot read key store " + pkcs12 + ": " + e.getMessage(), e);
      }
      for (String alias : Collections.list(ks.aliases())) {
        if (ks.isKeyEntry(alias)) {
          PrivateKey key = (PrivateKey) ks.getKey(alias, password);
          Certificate[] raw = ks.getCertificateChain(alias);
          X509Certificate[] chain = Arrays.stream(raw).map(c -> (X509Certificate) c).toArray(X509Certificate[]::new);
          return new EndpointCredentials(commonName(chain[0]), key, chain, ca);
        }
      }
      throw new IOException("key store " + pkcs12 + " holds no private key entry");
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot read key store " + pkcs12 + " (wrong password or not PKCS#12?): "
          + e.getMessage(), e);
    }
  }

  /** Reads one X.509 certificate from a PEM (or DER) file. */
  public static X509Certificate readPemCertificate(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    try {
      CertificateFactory cf = CertificateFactory.getInstance("X.509");
      return (X509Certificate) cf.generateCertificate(new ByteArrayInputStream(bytes));
    } catch (GeneralSecurityException e) {
      throw new IOException("file " + file + " does not hold an X.509 certificate: " + e.getMessage(), e);
    }
  }

  /** The common name of a certificate's subject, or null when it has none. */
  public static String commonName(X509Certificate cert) {
    try {
      for (Rdn rdn : new LdapName(cert.getSubjectX500Principal().getName()).getRdns()) {
        if (rdn.getType().equalsIgnoreCase("CN")) {
          return String.valueOf(rdn.getValue());
        }
      }
      return null;
    } catch (InvalidNameException e) {
      throw new IllegalArgumentException("malformed certificate subject " + cert.getSubjectX500Principal(), e);
    }
  }

  @Override
  public String toString() {
    return "EndpointCredentials[" + id + ", issuer=" + chain[0].getIssuerX500Principal().getName() + "]";
  }
}
