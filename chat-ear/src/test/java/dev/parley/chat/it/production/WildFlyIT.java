package dev.parley.chat.it.production;

/** The EAR on WildFly 39 with standalone.xml (datasource and settings through jboss-cli). */
class WildFlyIT extends ProductionServerSmoke {
    WildFlyIT() {
        super(new WildFlyServer());
    }
}
