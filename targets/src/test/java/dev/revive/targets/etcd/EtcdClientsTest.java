package dev.revive.targets.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.contracts.cluster.ClientSecurity;
import io.etcd.jetcd.Client;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The adapter's clients per endpoint and security stay within their cap: the least recently used is closed. */
class EtcdClientsTest {

    private final List<String> opened = new ArrayList<>();
    private final List<String> closed = new ArrayList<>();
    private final EtcdClients clients = new EtcdClients(2, key -> fake(key.endpoint()
            + (key.security() == null ? "" : "+tls")));

    @Test
    void theLeastRecentlyUsedClientIsClosedAndForgottenBeyondTheCap() {
        // given: two endpoints in use, the first one used last
        clients.client("http://a:2379", null);
        clients.client("http://b:2379", null);
        clients.client("http://a:2379", null);

        // when: a third endpoint comes
        clients.client("http://c:2379", null);

        // then
        assertThat(clients.size()).isEqualTo(2);
        assertThat(closed).containsExactly("http://b:2379");
        assertThat(opened).containsExactly("http://a:2379", "http://b:2379", "http://c:2379");
    }

    @Test
    void anEvictedEndpointAskedAgainGetsANewClient() {
        clients.client("http://a:2379", null);
        clients.client("http://b:2379", null);
        clients.client("http://c:2379", null);

        clients.client("http://a:2379", null);

        assertThat(opened).containsExactly("http://a:2379", "http://b:2379", "http://c:2379", "http://a:2379");
        assertThat(clients.size()).isEqualTo(2);
    }

    @Test
    void oneEndpointWithAnotherSecurityIsAnotherClient() {
        ClientSecurity tls = new ClientSecurity("/tls/ca.pem", null, null, null, null);

        Client plain = clients.client("https://a:2379", null);
        Client secured = clients.client("https://a:2379", tls);

        assertThat(secured).isNotSameAs(plain);
        assertThat(clients.client("https://a:2379", tls)).isSameAs(secured);
        assertThat(opened).containsExactly("https://a:2379", "https://a:2379+tls");
    }

    @Test
    void closingClosesEveryClient() {
        clients.client("http://a:2379", null);
        clients.client("http://b:2379", null);

        clients.close();

        assertThat(closed).containsExactlyInAnyOrder("http://a:2379", "http://b:2379");
        assertThat(clients.size()).isZero();
    }

    private Client fake(String name) {
        opened.add(name);
        return (Client) Proxy.newProxyInstance(Client.class.getClassLoader(), new Class<?>[] {Client.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "close" -> {
                        closed.add(name);
                        yield null;
                    }
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "fake client " + name;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
