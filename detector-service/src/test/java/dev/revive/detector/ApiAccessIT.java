package dev.revive.detector;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Who may use the detector's API: the token guards what reveals the topology, a rate limit guards every POST. */
@QuarkusTest
@TestProfile(DetectorTestProfile.class)
class ApiAccessIT {

    /** A client of its own: loopback, but not the 127.0.0.1 the other tests' requests come from. */
    private static final String OTHER_CLIENT = "127.0.0.2";
    private static final int MAX_REQUESTS = 1_000;

    @TestHTTPResource("/")
    URI api;

    @Test
    void clusterListNeedsTheToken() {
        given().get("/clusters").then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer").body("instance", equalTo("/clusters"));
        given().auth().oauth2("wrong-token-0123456789").get("/clusters").then().statusCode(401);
    }

    @Test
    void healthStaysOpen() {
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void postsPastTheBurstAre429WithRetryAfterForThatClientOnly() throws IOException {
        // given a client that posts as fast as it can
        String answer = "";
        int sent = 0;

        // when it keeps posting faults until it is refused
        while (sent < MAX_REQUESTS && !answer.startsWith("HTTP/1.1 429")) {
            answer = postFaultFrom(OTHER_CLIENT);
            sent++;
        }

        // then it was refused with 429 problem+json and Retry-After, while another client is still served
        assertThat(answer).startsWith("HTTP/1.1 429");
        String headers = answer.toLowerCase(Locale.ROOT);
        assertThat(headers).contains("content-type: application/problem+json").containsPattern("retry-after: [1-9]");
        assertThat(answer).contains("\"status\":429");
        given().auth().oauth2(DetectorTestProfile.TOKEN).contentType("application/json").body("{")
                .post("/faults").then().statusCode(400);
    }

    /** A {@code POST /faults} without a token from {@code localAddress}; the whole answer, status line first. */
    private String postFaultFrom(String localAddress) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(localAddress, 0));
            socket.connect(new InetSocketAddress(api.getHost(), api.getPort()), 5_000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /faults HTTP/1.1\r\nHost: " + api.getHost() + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 2\r\nConnection: close\r\n\r\n{}").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
