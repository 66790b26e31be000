package jp.mynacard.jlis.crl;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.Signature;
import java.security.SignatureException;

/** Passes the TBSCertList on to the output and into the signature, so it is never held whole. */
final class SigningOutputStream extends FilterOutputStream {
    private final Signature signature;
    private long count;

    SigningOutputStream(OutputStream out, Signature signature) {
        super(out);
        this.signature = signature;
    }

    @Override
    public void write(int b) throws IOException {
        update(new byte[] {(byte) b}, 0, 1);
        out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        update(b, off, len);
        out.write(b, off, len);
    }

    /** Bytes passed through so far. */
    long count() {
        return count;
    }

    /** The underlying stream stays open: the signature and algorithm follow the TBSCertList. */
    @Override
    public void close() throws IOException {
        flush();
    }

    private void update(byte[] b, int off, int len) throws IOException {
        try {
            signature.update(b, off, len);
            count += len;
        } catch (SignatureException e) {
            throw new IOException("cannot sign the CRL", e);
        }
    }
}
