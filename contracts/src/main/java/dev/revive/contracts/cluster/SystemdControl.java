package dev.revive.contracts.cluster;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import dev.revive.contracts.validation.Check;

/**
 * A node run as a systemd unit on a host reached over ssh.
 *
 * @param host    the ssh host name or address
 * @param sshUser the ssh user
 * @param sshPort the ssh port (default 22)
 * @param unit    the systemd unit name
 */
public record SystemdControl(String host, String sshUser, @JsonSetter(nulls = Nulls.AS_EMPTY) int sshPort, String unit)
        implements ControlSpec {

    public SystemdControl {
        Check.id("host", host);
        Check.id("sshUser", sshUser);
        sshPort = sshPort == 0 ? 22 : sshPort;
        Check.between("sshPort", sshPort, 1, 65_535);
        Check.id("unit", unit);
    }
}
