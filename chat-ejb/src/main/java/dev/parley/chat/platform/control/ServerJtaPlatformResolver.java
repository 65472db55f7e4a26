package dev.parley.chat.platform.control;

import java.util.Map;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.hibernate.engine.transaction.jta.platform.internal.JBossAppServerJtaPlatform;
import org.hibernate.engine.transaction.jta.platform.internal.StandardJtaPlatformResolver;
import org.hibernate.engine.transaction.jta.platform.internal.SunOneJtaPlatform;
import org.hibernate.engine.transaction.jta.platform.spi.JtaPlatform;
import org.hibernate.engine.transaction.jta.platform.spi.JtaPlatformResolver;
import org.hibernate.service.spi.ServiceRegistryImplementor;

/**
 * Finds the application server's transaction manager for the bundled Hibernate, so that one EAR
 * runs on Payara (which Hibernate does not detect by itself) and on WildFly.
 */
public class ServerJtaPlatformResolver implements JtaPlatformResolver {

    @Override
    @SuppressWarnings("rawtypes")
    public JtaPlatform resolveJtaPlatform(Map configurationValues, ServiceRegistryImplementor registry) {
        if (bound("java:appserver/TransactionManager")) {
            return new SunOneJtaPlatform();
        }
        if (bound("java:jboss/TransactionManager")) {
            return new JBossAppServerJtaPlatform();
        }
        return StandardJtaPlatformResolver.INSTANCE.resolveJtaPlatform(configurationValues, registry);
    }

    private static boolean bound(String name) {
        try {
            return new InitialContext().lookup(name) != null;
        } catch (NamingException e) {
            return false;
        }
    }
}
