package jp.mynacard.jlis.crl;

import java.io.IOException;

/**
 * Who publishes the CRLs when several centre processes share one database and one data directory:
 * one of them leads the scheduled publication, and no two publications run at once anywhere (they
 * write the same files, the same base state and the same CRL number series). A centre alone on its
 * database ({@link #soleProcess()}) always leads; {@code synchronized} in the publisher is enough.
 */
public interface CrlPublicationLock extends AutoCloseable {

    /** A publication, run under the lock. */
    @FunctionalInterface
    interface Publication {
        void run() throws IOException;
    }

    /** The lock of a centre that shares its registry with no other process. */
    static CrlPublicationLock soleProcess() {
        return SoleProcess.INSTANCE;
    }

    /**
     * Whether this process leads the scheduled publication now: takes the lead when no process
     * holds it, keeps it while it does. Never throws: an unreachable database is "not leading".
     */
    boolean lead();

    /** Runs {@code publication} while no other process publishes, after waiting for one under way. */
    void exclusively(Publication publication) throws IOException;

    /** Whether another process may hold the lead, so that a process not leading must keep trying. */
    boolean shared();

    @Override
    void close();

    /** Always the leader, nothing to wait for. */
    enum SoleProcess implements CrlPublicationLock {
        INSTANCE;

        @Override
        public boolean lead() {
            return true;
        }

        @Override
        public void exclusively(Publication publication) throws IOException {
            publication.run();
        }

        @Override
        public boolean shared() {
            return false;
        }

        @Override
        public void close() {
        }
    }
}
