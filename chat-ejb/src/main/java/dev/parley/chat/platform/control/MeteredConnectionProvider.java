package dev.parley.chat.platform.control;

import java.sql.Connection;
import java.sql.SQLException;
import org.hibernate.engine.jdbc.connections.internal.DatasourceConnectionProviderImpl;

/**
 * Hibernate's own provider for the container's data source, counting each connection it takes and
 * gives back ({@link ConnectionUse}). Named in persistence.xml ({@code
 * hibernate.connection.provider_class}).
 */
public class MeteredConnectionProvider extends DatasourceConnectionProviderImpl {

    @Override
    public Connection getConnection() throws SQLException {
        long started = System.nanoTime();
        Connection connection;
        try {
            connection = super.getConnection();
        } catch (SQLException | RuntimeException e) {
            ConnectionUse.failed();
            throw e;
        }
        ConnectionUse.acquired(System.nanoTime() - started);
        return connection;
    }

    @Override
    public void closeConnection(Connection connection) throws SQLException {
        try {
            super.closeConnection(connection);
        } finally {
            ConnectionUse.released();
        }
    }
}
