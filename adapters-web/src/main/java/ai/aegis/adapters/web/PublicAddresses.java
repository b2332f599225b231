package ai.aegis.adapters.web;

import java.net.InetAddress;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which addresses {@code web.fetch} may connect to: only public unicast ones. An address is refused,
 * with the reason in words, when it is (IPv4) unspecified or "this network" {@code 0.0.0.0/8},
 * loopback {@code 127.0.0.0/8}, private {@code 10/8}, {@code 172.16/12}, {@code 192.168/16},
 * carrier-grade NAT {@code 100.64/10}, link-local {@code 169.254/16} (with the cloud metadata
 * address {@code 169.254.169.254} named as such), IETF protocol assignments {@code 192.0.0/24},
 * documentation and benchmarking ranges, multicast {@code 224/4}, reserved {@code 240/4} or the
 * broadcast address; or (IPv6) unspecified {@code ::}, loopback {@code ::1}, unique-local
 * {@code fc00::/7} (with the AWS metadata address {@code fd00:ec2::254} named), link-local
 * {@code fe80::/10}, site-local {@code fec0::/10}, multicast {@code ff00::/8}, discard-only
 * {@code 100::/64}, documentation {@code 2001:db8::/32}, Teredo {@code 2001::/32}; and an IPv6
 * address that carries an IPv4 address (IPv4-mapped {@code ::ffff:0:0/96}, IPv4-compatible
 * {@code ::/96}, NAT64 {@code 64:ff9b::/96} and {@code 64:ff9b:1::/48}, 6to4 {@code 2002::/16}) is
 * judged by the IPv4 address it carries.
 *
 * <p>Host names that cloud platforms resolve to their metadata service are refused by name too,
 * before any lookup ({@link #refusedHostName}).
 */
public final class PublicAddresses {

    /** Host names of cloud metadata services, refused whatever they resolve to. */
    public static final Set<String> METADATA_HOST_NAMES = Set.of("metadata.google.internal", "metadata.goog",
            "metadata", "instance-data", "instance-data.ec2.internal", "metadata.azure.com");

    private PublicAddresses() {
    }

    /** Why {@code host} (a URL host, lower or upper case, maybe with a trailing dot) is refused by name, if it is. */
    public static Optional<String> refusedHostName(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        while (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        if (METADATA_HOST_NAMES.contains(name)) {
            return Optional.of("host " + name + " is a cloud metadata service");
        }
        if (name.equals("localhost") || name.endsWith(".localhost")) {
            return Optional.of("host " + name + " is the local machine (loopback)");
        }
        return Optional.empty();
    }

    /** Why {@code address} is not a public unicast address, or empty when it is. */
    public static Optional<String> whyRefused(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length == 4) {
            return ipv4(bytes, "");
        }
        return ipv6(bytes);
    }

    /** True for {@code 127.0.0.0/8}, {@code ::1} and their IPv4-mapped forms (the test-only allowance is about these alone). */
    static boolean isLoopback(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length == 4) {
            return u(bytes[0]) == 127;
        }
        if (isZero(bytes, 0, 15) && u(bytes[15]) == 1) {
            return true;
        }
        return isZero(bytes, 0, 10) && u(bytes[10]) == 0xff && u(bytes[11]) == 0xff && u(bytes[12]) == 127;
    }

    private static Optional<String> ipv4(byte[] b, String carrier) {
        int a0 = u(b[0]);
        int a1 = u(b[1]);
        int a2 = u(b[2]);
        int a3 = u(b[3]);
        String what = null;
        if (a0 == 0) {
            what = "unspecified ('this network', 0.0.0.0/8) address";
        } else if (a0 == 127) {
            what = "loopback address";
        } else if (a0 == 10 || (a0 == 172 && a1 >= 16 && a1 <= 31) || (a0 == 192 && a1 == 168)) {
            what = "private (RFC 1918) address";
        } else if (a0 == 100 && a1 >= 64 && a1 <= 127) {
            what = "carrier-grade NAT (100.64.0.0/10) address";
        } else if (a0 == 169 && a1 == 254 && a2 == 169 && a3 == 254) {
            what = "cloud metadata address";
        } else if (a0 == 169 && a1 == 254) {
            what = "link-local address";
        } else if (a0 == 192 && a1 == 0 && a2 == 0) {
            what = "IETF protocol assignment (192.0.0.0/24) address";
        } else if ((a0 == 192 && a1 == 0 && a2 == 2) || (a0 == 198 && a1 == 51 && a2 == 100)
                || (a0 == 203 && a1 == 0 && a2 == 113)) {
            what = "documentation address";
        } else if (a0 == 198 && (a1 == 18 || a1 == 19)) {
            what = "benchmarking (198.18.0.0/15) address";
        } else if (a0 == 255 && a1 == 255 && a2 == 255 && a3 == 255) {
            what = "broadcast address";
        } else if (a0 >= 224 && a0 <= 239) {
            what = "multicast address";
        } else if (a0 >= 240) {
            what = "reserved (240.0.0.0/4) address";
        }
        if (what == null) {
            return Optional.empty();
        }
        String text = a0 + "." + a1 + "." + a2 + "." + a3;
        return Optional.of(carrier.isEmpty() ? text + " is a " + what : carrier + " carries " + text + ", a " + what);
    }

    private static Optional<String> ipv6(byte[] b) {
        String text = ipv6Text(b);
        if (isZero(b, 0, 16)) {
            return Optional.of(text + " is the unspecified address");
        }
        if (isZero(b, 0, 15) && u(b[15]) == 1) {
            return Optional.of(text + " is a loopback address");
        }
        if (isZero(b, 0, 10) && u(b[10]) == 0xff && u(b[11]) == 0xff) {
            return embedded(b, 12, "IPv4-mapped address " + text);
        }
        if (isZero(b, 0, 12)) {
            return embedded(b, 12, "IPv4-compatible address " + text);
        }
        int w0 = word(b, 0);
        int w1 = word(b, 2);
        if (w0 == 0x0064 && w1 == 0xff9b && isZero(b, 4, 12)) {
            return embedded(b, 12, "NAT64 address " + text);
        }
        if (w0 == 0x0064 && w1 == 0xff9b && word(b, 4) == 0x0001) {
            return Optional.of(text + " is a local-use NAT64 (64:ff9b:1::/48) address");
        }
        if (w0 == 0x2002) {
            return embedded(b, 2, "6to4 address " + text);
        }
        if (w0 == 0x2001 && w1 == 0x0000) {
            return Optional.of(text + " is a Teredo tunnel (2001::/32) address, which hides its IPv4 destination");
        }
        if (w0 == 0x2001 && w1 == 0x0db8) {
            return Optional.of(text + " is a documentation (2001:db8::/32) address");
        }
        if (w0 == 0x0100 && isZero(b, 2, 8)) {
            return Optional.of(text + " is a discard-only (100::/64) address");
        }
        if (w0 == 0xfd00 && w1 == 0x0ec2 && isZero(b, 4, 14) && word(b, 14) == 0x0254) {
            return Optional.of(text + " is a cloud metadata address");
        }
        if ((u(b[0]) & 0xfe) == 0xfc) {
            return Optional.of(text + " is a unique-local (private, fc00::/7) address");
        }
        if (u(b[0]) == 0xfe && (u(b[1]) & 0xc0) == 0x80) {
            return Optional.of(text + " is a link-local address");
        }
        if (u(b[0]) == 0xfe && (u(b[1]) & 0xc0) == 0xc0) {
            return Optional.of(text + " is a site-local (private, fec0::/10) address");
        }
        if (u(b[0]) == 0xff) {
            return Optional.of(text + " is a multicast address");
        }
        return Optional.empty();
    }

    /** An IPv6 address carrying an IPv4 one: refused when the IPv4 address is, or when it is itself unspecified. */
    private static Optional<String> embedded(byte[] b, int offset, String carrier) {
        byte[] v4 = {b[offset], b[offset + 1], b[offset + 2], b[offset + 3]};
        return ipv4(v4, carrier);
    }

    private static String ipv6Text(byte[] b) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 16; i += 2) {
            if (i > 0) {
                text.append(':');
            }
            text.append(Integer.toHexString(word(b, i)));
        }
        return text.toString();
    }

    private static boolean isZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static int word(byte[] b, int at) {
        return (u(b[at]) << 8) | u(b[at + 1]);
    }

    private static int u(byte value) {
        return value & 0xff;
    }
}
