package dev.parley.chat.it;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The built, self-contained WAR, deployed as it is (at the root context, as the contract says). */
public final class Deployments {

    private Deployments() {}

    public static WebArchive builtWar() {
        File war = new File(System.getProperty("parley.war", "target/it/parley.war"));
        return ShrinkWrap.create(ZipImporter.class, "ROOT.war").importFrom(war).as(WebArchive.class);
    }
}
