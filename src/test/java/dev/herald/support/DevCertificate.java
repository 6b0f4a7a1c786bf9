package dev.herald.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The development certificate the build made ({@code server-config/tls/dev-certificate.sh}), which both servers
 * serve HTTPS with in the tests: trusted by the tests' clients for {@code localhost}, as a production client trusts
 * a real certificate (no trust-everything shortcut, hostname checked).
 */
public final class DevCertificate {

    private static final Path KEYSTORE = Path.of(System.getProperty("herald.tls.keystore", "target/tls/herald-dev.p12"));
    private static final char[] PASSWORD = System.getProperty("herald.tls.password", "herald-dev").toCharArray();
    private static final String ALIAS = System.getProperty("herald.tls.alias", "herald-dev");

    private DevCertificate() {
    }

    /** A TLS context that trusts the development certificate only. */
    public static SSLContext trusting() {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(keyStore());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot trust " + KEYSTORE, e);
        }
    }

    /** The certificate as a PEM file, for {@code curl --cacert}. */
    public static Path pem(Path directory) {
        try {
            Certificate certificate = keyStore().getCertificate(ALIAS);
            String pem = "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
            return Files.writeString(directory.resolve("herald-dev.pem"), pem);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot read the certificate in " + KEYSTORE, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static KeyStore keyStore() throws GeneralSecurityException {
        try (InputStream in = Files.newInputStream(KEYSTORE)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, PASSWORD);
            return store;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + KEYSTORE + " (made by the build's dev-certificate step)", e);
        }
    }
}
