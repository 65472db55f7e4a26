package dev.parley.chat.platform.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The RSA key that signs dev-login tokens. Kept in the data folder so that tokens stay valid
 * across a restart of the embedded server, like the history does. With {@code chat.redis.url},
 * the nodes of a cluster agree on one key through Redis, so a token from one node's dev login
 * works on all of them.
 */
public final class DevSigningKey {

    public static final String ISSUER = "parley-dev";
    public static final String AUDIENCE = "parley";
    private static final Logger LOG = Logger.getLogger(DevSigningKey.class.getName());
    private static final String FILE = "dev-signing-key.pk8";

    private static volatile KeyPair keyPair;

    private DevSigningKey() {}

    public static KeyPair keyPair() {
        KeyPair current = keyPair;
        if (current == null) {
            synchronized (DevSigningKey.class) {
                current = keyPair;
                if (current == null) {
                    KeyPair own = loadOrCreate(Settings.dataDir().resolve(FILE));
                    current = ClusterDevKey.agree(own.getPrivate().getEncoded())
                            .map(DevSigningKey::loadOrKeep)
                            .orElse(own);
                    keyPair = current;
                }
            }
        }
        return current;
    }

    /** The private key as the cluster shares it: PKCS#8, base64. */
    public static String encodedPrivateKey() {
        return Base64.getEncoder().encodeToString(keyPair().getPrivate().getEncoded());
    }

    /** Where the cluster keeps its dev signing key in Redis. */
    public static String clusterKeyName(String prefix) {
        return prefix + ":dev-signing-key";
    }

    public static String publicKeyPem() {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes())
                .encodeToString(keyPair().getPublic().getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + base64 + "\n-----END PUBLIC KEY-----";
    }

    private static KeyPair loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                return load(Files.readAllBytes(file));
            }
            KeyPair created = generate();
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), FILE, ".tmp");
            try {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // best effort on file systems without POSIX permissions
            }
            Files.write(temp, created.getPrivate().getEncoded());
            Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return created;
        } catch (IOException | GeneralSecurityException e) {
            LOG.log(
                    Level.WARNING,
                    "Cannot keep the dev signing key in {0} ({1}); dev tokens will not survive a restart",
                    new Object[] {file, e.getMessage()});
            try {
                return generate();
            } catch (GeneralSecurityException impossible) {
                throw new IllegalStateException(impossible);
            }
        }
    }

    private static KeyPair loadOrKeep(byte[] pkcs8) {
        try {
            return load(pkcs8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the cluster's dev signing key in Redis is not an RSA key", e);
        }
    }

    private static KeyPair generate() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static KeyPair load(byte[] pkcs8) throws GeneralSecurityException {
        KeyFactory factory = KeyFactory.getInstance("RSA");
        RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) factory.generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        RSAPublicKey publicKey = (RSAPublicKey)
                factory.generatePublic(new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
        return new KeyPair(publicKey, privateKey);
    }
}
