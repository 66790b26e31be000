package jp.mynacard.jlis.http;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The names the centre answers to, held against an admin request's {@code Host} and {@code Origin}.
 * A web page elsewhere reaches a centre on loopback in two ways: a cross-origin request (its
 * browser sends that page's Origin) and DNS rebinding (its own name, resolved to 127.0.0.1, in
 * Host). The centre's own are "localhost", the bind address, the public URL's host and the
 * addresses of this machine written as literals (no page can rebind a literal); an Origin must
 * moreover name the centre's port. A request without either header (every CLI) is not concerned.
 */
final class OwnOrigin {
    private static final String IPV4_LITERAL = "\\d{1,3}(\\.\\d{1,3}){3}";
    private static final String IPV6_LITERAL = "[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*(%[\\w.]+)?";
    private final Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    private final Set<Integer> ports = new TreeSet<>();

    /**
     * @param bindHost  the address the server listens on
     * @param publicUrl the URL written into certificates, or null
     * @param port      the port the server listens on
     */
    OwnOrigin(String bindHost, URI publicUrl, int port) {
        names.add("localhost");
        names.add(bareHost(bindHost));
        ports.add(port);
        if (publicUrl != null && publicUrl.getHost() != null) {
            names.add(bareHost(publicUrl.getHost()));
            ports.add(effectivePort(publicUrl));
        }
    }

    /** @throws HttpProblem 421 for another host's name, 403 for another origin */
    void check(CentreRequest request) {
        String host = request.header("Host");
        if (host != null && !isOwn(hostOfHostHeader(host))) {
            throw new HttpProblem(421, "this centre does not answer to the host name in 'Host: " + host + "'");
        }
        String origin = request.header("Origin");
        if (origin != null && !isOwnOrigin(origin)) {
            throw new HttpProblem(403, "the admin API refuses requests from a web page of another origin ("
                    + origin + ")");
        }
    }

    private boolean isOwnOrigin(String origin) {
        URI uri;
        try {
            uri = new URI(origin.trim());
        } catch (java.net.URISyntaxException e) {
            return false; // "null" (a sandboxed or file: page) included
        }
        String scheme = uri.getScheme();
        return uri.getHost() != null && ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))
                && isOwn(bareHost(uri.getHost())) && ports.contains(effectivePort(uri));
    }

    private boolean isOwn(String host) {
        return names.contains(host) || isAddressOfThisMachine(host);
    }

    private static boolean isAddressOfThisMachine(String host) {
        if (!host.matches(IPV4_LITERAL) && !host.matches(IPV6_LITERAL)) {
            return false; // a name: never resolved here, or rebinding would decide
        }
        try {
            InetAddress address = InetAddress.getByName(host); // a literal: no lookup
            return address.isLoopbackAddress() || NetworkInterface.getByInetAddress(address) != null;
        } catch (UnknownHostException | SocketException e) {
            return false;
        }
    }

    /** "name", "name:port", "[v6]:port" → the name or the address without brackets. */
    private static String hostOfHostHeader(String header) {
        String value = header.trim();
        if (value.startsWith("[")) {
            int end = value.indexOf(']');
            return end < 0 ? value : value.substring(1, end);
        }
        int colon = value.lastIndexOf(':');
        return colon < 0 ? value : value.substring(0, colon);
    }

    private static String bareHost(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return bare.toLowerCase(Locale.ROOT);
    }

    private static int effectivePort(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
