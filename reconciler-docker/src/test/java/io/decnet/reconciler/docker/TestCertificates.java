package io.decnet.reconciler.docker;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.math.BigInteger;
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
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
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
import org.bouncycastle.util.io.pem.PemObject;

/**
 * A throwaway certificate authority with a server certificate (for a TLS test daemon on {@code host}) and a client
 * certificate, written in the docker CLI's layout ({@code ca.pem}, {@code cert.pem}, {@code key.pem}).
 */
final class TestCertificates {
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    private final KeyPair serverKeys;
    private final X509Certificate serverCert;
    private final X509Certificate caCert;
    private final KeyPair caKeys;

    private TestCertificates(KeyPair serverKeys, X509Certificate serverCert, X509Certificate caCert, KeyPair caKeys) {
        this.serverKeys = serverKeys;
        this.serverCert = serverCert;
        this.caCert = caCert;
        this.caKeys = caKeys;
    }

    /** Writes what a real dockerd needs for {@code --tlsverify}: {@code ca.pem}, {@code server-cert.pem}, {@code server-key.pem}. */
    void writeServer(Path dir) {
        try {
            Files.writeString(dir.resolve("ca.pem"), pem(caCert));
            Files.writeString(dir.resolve("server-cert.pem"), pem(serverCert));
            Files.writeString(dir.resolve("server-key.pem"), pem(new JcaPKCS8Generator(serverKeys.getPrivate(), null)));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the server's certificates", e);
        }
    }

    /** Writes a client certificate of this authority valid from {@code from} to {@code until}, in the CLI's layout. */
    void writeClient(Path dir, Instant from, Instant until) {
        try {
            KeyPair clientKeys = ec();
            X509Certificate client = sign(new JcaX509v3CertificateBuilder(new X500Name("CN=fleet-it test CA"),
                    serial(), Date.from(from), Date.from(until), new X500Name("CN=fleet-it client"),
                    clientKeys.getPublic()), caKeys);
            Files.writeString(dir.resolve("ca.pem"), pem(caCert));
            Files.writeString(dir.resolve("cert.pem"), pem(client));
            Files.writeString(dir.resolve("key.pem"), opensslEcKey(clientKeys));
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot make a client certificate", e);
        }
    }

    /** How the client's {@code key.pem} is written. */
    enum KeyFormat {
        /** An EC key as openssl writes it ({@code BEGIN EC PRIVATE KEY}); quick to make, so the default. */
        EC,
        /** An RSA key as {@code openssl genrsa} writes it, the docker docs' recipe ({@code BEGIN RSA PRIVATE KEY}). */
        RSA_PKCS1,
        /** An RSA key in PKCS#8 ({@code BEGIN PRIVATE KEY}). */
        RSA_PKCS8
    }

    /** Writes a fresh CA's {@code ca.pem} and a client {@code cert.pem}/{@code key.pem} (EC) into {@code dir}. */
    static TestCertificates write(Path dir, String serverIp) {
        return write(dir, serverIp, KeyFormat.EC);
    }

    /** As {@link #write(Path, String)}, with the client key in {@code format}. */
    static TestCertificates write(Path dir, String serverIp, KeyFormat format) {
        try {
            KeyPair caKeys = ec();
            X500Name caName = new X500Name("CN=fleet-it test CA");
            X509Certificate ca = sign(new JcaX509v3CertificateBuilder(caName, serial(), from(), until(), caName,
                    caKeys.getPublic()).addExtension(Extension.basicConstraints, true, new BasicConstraints(true)),
                    caKeys);
            KeyPair serverKeys = ec();
            X509Certificate server = sign(new JcaX509v3CertificateBuilder(caName, serial(), from(), until(),
                    new X500Name("CN=" + serverIp), serverKeys.getPublic())
                    .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(
                            new GeneralName(GeneralName.iPAddress, serverIp))), caKeys);
            KeyPair clientKeys = format == KeyFormat.EC ? ec() : rsa();
            X509Certificate client = sign(new JcaX509v3CertificateBuilder(caName, serial(), from(), until(),
                    new X500Name("CN=fleet-it client"), clientKeys.getPublic()), caKeys);

            Files.writeString(dir.resolve("ca.pem"), pem(ca));
            Files.writeString(dir.resolve("cert.pem"), pem(client));
            Files.writeString(dir.resolve("key.pem"), switch (format) {
                case EC -> opensslEcKey(clientKeys);
                case RSA_PKCS1 -> pem(clientKeys.getPrivate());
                case RSA_PKCS8 -> pem(new JcaPKCS8Generator(clientKeys.getPrivate(), null));
            });
            return new TestCertificates(serverKeys, server, ca, caKeys);
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

    /**
     * SEC1 {@code EC PRIVATE KEY} as {@code openssl ecparam -genkey} writes it: the curve named inside the key
     * structure (the JDK's encoding keeps it only in the PKCS#8 wrapper).
     */
    private static String opensslEcKey(KeyPair keys) throws IOException {
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(keys.getPrivate().getEncoded());
        ECPrivateKey inner = ECPrivateKey.getInstance(info.parsePrivateKey());
        ECPrivateKey withCurve = new ECPrivateKey(256, inner.getKey(), new DERBitString(
                SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded()).getPublicKeyData().getBytes()),
                info.getPrivateKeyAlgorithm().getParameters());
        return pem(new PemObject("EC PRIVATE KEY", withCurve.getEncoded()));
    }

    private static KeyPair ec() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(256);
        return g.generateKeyPair();
    }

    private static KeyPair rsa() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuer)
            throws OperatorCreationException, GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.getPrivate())));
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
}
