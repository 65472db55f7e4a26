package dev.parley.chat.identity.boundary;

import dev.parley.chat.platform.config.Settings;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.logging.Logger;

/** Says at start-up who may sign in: loudly when anyone may, through dev login. */
@Startup
@Singleton
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class IdentityModeNotice {

    private static final Logger LOG = Logger.getLogger(IdentityModeNotice.class.getName());

    @PostConstruct
    void announce() {
        if (Settings.oidcMode()) {
            LOG.info(() -> "Sign-in: OpenID Connect, tokens from "
                    + Settings.get("chat.oidc.issuer").orElseThrow());
            return;
        }
        LOG.warning("\n"
                + "************************************************************************\n"
                + "*  DEV LOGIN IS ON: anyone can sign in under any name, admins too.     *\n"
                + "*  For anything but trying Parley out, set CHAT_OIDC_ISSUER (README).  *\n"
                + "************************************************************************");
    }
}
