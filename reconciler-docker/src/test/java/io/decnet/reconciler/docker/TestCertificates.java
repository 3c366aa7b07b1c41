package io.decnet.reconciler.docker;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throwaway certificate authority with a server certificate (for a TLS test daemon on {@code host}) and a client
 * certificate, written in the docker CLI's layout ({@code ca.pem}, {@code cert.pem}, {@code key.pem}).
 */
final class TestCertificates {
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    private final KeyPair serverKeys;
    private final X509Certificate serverCert;
    private final X509Certificate caCert;

    private TestCertificates(KeyPair serverKeys, X509Certificate serverCert, X509Certificate caCert) {
        this.serverKeys = serverKeys;
        this.serverCert = serverCert;
        this.caCert = caCert;
    }

    /** Writes a fresh CA's {@code ca.pem} and a client {@code cert.pem}/{@code key.pem} (PKCS#1) into {@code dir}. */
    static TestCertificates write(Path dir, String serverIp) {
        return write(dir, serverIp, false);
    }

    /** As {@link #write(Path, String)}, the client key in PKCS#8 ({@code BEGIN PRIVATE KEY}) when asked. */
    static TestCertificates write(Path dir, String serverIp, boolean pkcs8Key) {
        try {
            KeyPair caKeys = rsa();
            X500Name caName = new X500Name("CN=fleet-it test CA");
            X509Certificate ca = sign(new JcaX509v3CertificateBuilder(caName, serial(), from(), until(), caName,
                    caKeys.getPublic()).addExtension(Extension.basicConstraints, true, new BasicConstraints(true)),
                    caKeys);
            KeyPair serverKeys = rsa();
            X509Certificate server = sign(new JcaX509v3CertificateBuilder(caName, serial(), from(), until(),
                    new X500Name("CN=" + serverIp), serverKeys.getPublic())
                    .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(
                            new GeneralName(GeneralName.iPAddress, serverIp))), caKeys);
            KeyPair clientKeys = rsa();
            X509Certificate client = sign(new JcaX509v3CertificateBuilder(caName, serial(), from(), until(),
                    new X500Name("CN=fleet-it client"), clientKeys.getPublic()), caKeys);

            Files.writeString(dir.resolve("ca.pem"), pem(ca));
            Files.writeString(dir.resolve("cert.pem"), pem(client));
            Files.writeString(dir.resolve("key.pem"),
                    pkcs8Key ? pem(new JcaPKCS8Generator(clientKeys.getPrivate(), null)) : pem(clientKeys.getPrivate()));
            return new TestCertificates(serverKeys, server, ca);
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot make test certificates", e);
        }
    }

    /** A server-side context: presents the server certificate, requires a client certificate from the CA. */
    SSLContext serverContext() {
        try {
            char[] pass = "it".toCharArray();
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("server", serverKeys.getPrivate(), pass, new X509Certificate[] {serverCert, caCert});
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, pass);
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", caCert);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair rsa() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuer)
            throws OperatorCreationException, GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuer.getPrivate())));
    }

    private static String pem(Object o) throws IOException {
        Writer out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(o);
        }
        return out.toString();
    }

    private static BigInteger serial() {
        return BigInteger.valueOf(SERIAL.incrementAndGet());
    }

    private static Date from() {
        return Date.from(Instant.now().minus(Duration.ofHours(1)));
    }

    private static Date until() {
        return Date.from(Instant.now().plus(Duration.ofDays(1)));
    }

    static InetAddress loopback() {
        return InetAddress.getLoopbackAddress();
    }
}
