package ai.aegis.adapters.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PublicAddressesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "127.0.0.1|loopback",
            "127.255.0.9|loopback",
            "10.1.2.3|private (RFC 1918)",
            "172.16.0.1|private (RFC 1918)",
            "172.31.255.255|private (RFC 1918)",
            "192.168.1.1|private (RFC 1918)",
            "169.254.169.254|cloud metadata",
            "169.254.10.1|link-local",
            "100.64.0.1|carrier-grade NAT",
            "100.127.255.254|carrier-grade NAT",
            "224.0.0.1|multicast",
            "239.255.255.250|multicast",
            "0.0.0.0|unspecified",
            "255.255.255.255|broadcast",
            "240.0.0.1|reserved",
            "192.0.0.192|IETF protocol assignment",
            "198.18.0.1|benchmarking",
            "::|unspecified",
            "::1|loopback",
            "fc00::1|unique-local",
            "fd12:3456::1|unique-local",
            "fd00:ec2::254|cloud metadata",
            "fe80::1|link-local",
            "fec0::1|site-local",
            "ff02::1|multicast",
            "64:ff9b::a00:1|NAT64 address",
            "2002:a9fe:a9fe::1|6to4 address",
            "2001:0:4136:e378::1|Teredo",
            "::127.0.0.1|IPv4-compatible"})
    void whyRefused_nonPublicAddress_refusedNamingTheRange(String literal, String reason) throws UnknownHostException {
        assertThat(PublicAddresses.whyRefused(InetAddress.getByName(literal))).hasValueSatisfying(
                why -> assertThat(why).contains(reason));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "127.0.0.1|loopback",
            "10.0.0.1|private (RFC 1918)",
            "169.254.169.254|cloud metadata",
            "169.254.1.1|link-local",
            "100.64.1.1|carrier-grade NAT",
            "224.0.0.251|multicast",
            "0.0.0.0|unspecified",
            "192.168.0.1|private (RFC 1918)"})
    void whyRefused_ipv4MappedIpv6FormOfARefusedAddress_refusedAsItsIpv4(String ipv4, String reason) throws UnknownHostException {
        byte[] four = InetAddress.getByName(ipv4).getAddress();
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        System.arraycopy(four, 0, mapped, 12, 4);
        // Inet6Address.getByAddress keeps the IPv6 form (InetAddress.getByAddress would turn it into IPv4).
        InetAddress address = Inet6Address.getByAddress(null, mapped, -1);

        assertThat(address).isInstanceOf(Inet6Address.class);
        assertThat(PublicAddresses.whyRefused(address)).hasValueSatisfying(why -> assertThat(why)
                .contains("IPv4-mapped").contains(ipv4).contains(reason));
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "93.184.216.34", "1.1.1.1", "172.32.0.1", "100.128.0.1", "2606:4700:4700::1111",
            "2a00:1450:4001:81a::200e", "::ffff:8.8.8.8"})
    void whyRefused_publicAddress_allowed(String literal) throws UnknownHostException {
        assertThat(PublicAddresses.whyRefused(InetAddress.getByName(literal))).isEmpty();
    }

    @Property
    void whyRefused_anyRfc1918TenAddress_refused(@ForAll @IntRange(max = 255) int b, @ForAll @IntRange(max = 255) int c,
                                                 @ForAll @IntRange(max = 255) int d) throws UnknownHostException {
        InetAddress address = InetAddress.getByAddress(new byte[] {10, (byte) b, (byte) c, (byte) d});

        assertThat(PublicAddresses.whyRefused(address)).isPresent();
    }

    @Property
    void whyRefused_anyLinkLocalIpv6_refused(@ForAll byte[] tail) throws UnknownHostException {
        byte[] bytes = new byte[16];
        bytes[0] = (byte) 0xfe;
        bytes[1] = (byte) 0x80;
        for (int i = 0; i < Math.min(tail.length, 14); i++) {
            bytes[2 + i] = tail[i];
        }
        bytes[1] = (byte) (0x80 | (bytes[1] & 0x3f));

        assertThat(PublicAddresses.whyRefused(Inet6Address.getByAddress(null, bytes, -1))).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"metadata.google.internal", "METADATA.GOOGLE.INTERNAL.", "metadata.goog", "localhost",
            "api.localhost", "instance-data"})
    void refusedHostName_metadataOrLocalName_refusedBeforeLookup(String host) {
        assertThat(PublicAddresses.refusedHostName(host)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.org", "metadata.example.org", "localhost.example.org"})
    void refusedHostName_ordinaryName_notRefused(String host) {
        assertThat(PublicAddresses.refusedHostName(host)).isEmpty();
    }
}
