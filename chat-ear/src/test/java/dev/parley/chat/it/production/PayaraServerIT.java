package dev.parley.chat.it.production;

/** The EAR on Payara Server 6 (domain, JDBC pool, system properties through asadmin). */
class PayaraServerIT extends ProductionServerSmoke {
    PayaraServerIT() {
        super(new PayaraServer());
    }
}
