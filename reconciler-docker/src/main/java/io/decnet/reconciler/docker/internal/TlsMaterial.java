package io.decnet.reconciler.docker.internal;

import com.github.dockerjava.transport.SSLConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Base64;
import java.util.Collection;
import java.util.Objects;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * TLS material in the docker CLI's layout: a directory with {@code ca.pem} (the authority the daemon's
 * certificate must chain to) and, when the daemon wants a client certificate, {@code cert.pem} and
 * {@code key.pem}. Loaded once, eagerly, so that a missing or broken file is a configuration error at build time
 * rather than a failure on every observation.
 *
 * <p>Unlike docker-java's own loader this one registers no JVM-wide security provider and never falls back to
 * plain TCP when a file is missing.
 *
 * <p>Immutable and thread-safe.
 */
public final class TlsMaterial implements SSLConfig {
    private final Path directory;
    private final SSLContext context;

    private TlsMaterial(Path directory, SSLContext context) {
        this.directory = directory;
        this.context = context;
    }

    /**
     * Loads {@code ca.pem}, and {@code cert.pem} with {@code key.pem} when present, from {@code directory}.
     *
     * @throws IllegalArgumentException naming the directory or the file that is missing or unreadable
     */
    public static TlsMaterial load(Path directory) {
        Objects.requireNonNull(directory, "directory");
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("tls certificate directory " + directory + " does not exist");
        }
        Path ca = directory.resolve("ca.pem");
        Path cert = directory.resolve("cert.pem");
        Path key = directory.resolve("key.pem");
        if (!Files.isReadable(ca)) {
            throw new IllegalArgumentException("tls certificate directory " + directory
                    + " has no readable ca.pem (the authority that signed the daemon's certificate)");
        }
        if (Files.exists(cert) != Files.exists(key)) {
            throw new IllegalArgumentException("tls certificate directory " + directory
                    + " must hold both cert.pem and key.pem, or neither; found only "
                    + (Files.exists(cert) ? "cert.pem" : "key.pem"));
        }
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            int i = 0;
            for (Certificate c : certificates(ca)) {
                trust.setCertificateEntry("ca-" + i++, c);
            }
            if (i == 0) {
                throw new IllegalArgumentException(ca + " holds no certificate");
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);

            KeyManagerFactory kmf = null;
            if (Files.exists(cert)) {
                char[] password = randomPassword();
                KeyStore keys = KeyStore.getInstance("PKCS12");
                keys.load(null, null);
                Collection<? extends Certificate> chain = certificates(cert);
                if (chain.isEmpty()) {
                    throw new IllegalArgumentException(cert + " holds no certificate");
                }
                keys.setKeyEntry("client", privateKey(key), password, chain.toArray(new Certificate[0]));
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(keys, password);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return new TlsMaterial(directory, context);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException(
                    "cannot load TLS material from " + directory + ": " + e.getMessage(), e);
        }
    }

    private static Collection<? extends Certificate> certificates(Path file)
            throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(file)) {
            return CertificateFactory.getInstance("X.509").generateCertificates(in);
        }
    }

    private static PrivateKey privateKey(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
                PEMParser parser = new PEMParser(reader)) {
            for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
                PrivateKeyInfo info = o instanceof PEMKeyPair pair ? pair.getPrivateKeyInfo()
                        : o instanceof PrivateKeyInfo i ? i : null;
                if (info != null) {
                    return new JcaPEMKeyConverter().getPrivateKey(info);
                }
            }
        }
        throw new IllegalArgumentException(file + " holds no unencrypted private key");
    }

    private static char[] randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes).toCharArray();
    }

    /** The directory the material came from. */
    public Path directory() {
        return directory;
    }

    @Override
    public SSLContext getSSLContext() {
        return context;
    }
}
