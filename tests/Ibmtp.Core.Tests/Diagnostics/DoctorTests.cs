using Ibmtp.Diagnostics;

namespace Ibmtp.Tests.Diagnostics;

/// <summary>
/// How <c>doctor</c> runs its checks: <c>get</c>'s steps in <c>get</c>'s order, stopping where
/// <c>get</c> would stop, then the files whatever the verdict.
/// </summary>
[TestFixture]
public sealed class DoctorTests : CheckFixture
{
    private DoctorReport Examine(string host) => new Doctor(Context, Services).Examine(host);

    [Test]
    public void The_checks_run_in_gets_order_then_the_helpers_files_then_the_clients_files()
    {
        Home.Variables["IBMTP_API_KEY"] = "doctor-order-key-7c2e90";

        var report = Examine("us.icr.io");

        Assert.That(report.Facts.Select(fact => fact.Name), Is.EqualTo(new[]
        {
            "host", "served", "mode", "profile", "credentials", "identity",
            "config file", "keystore", "token cache", "log",
            "docker", "containers", "containers logins", "containers tools",
        }));
        Assert.That(report.GetWouldSucceed, Is.True);
    }

    [Test]
    public void For_a_host_not_served_no_credentials_are_examined_as_get_looks_for_none_but_the_files_are()
    {
        Home.Variables["IBMTP_API_KEY"] = "doctor-order-key-7c2e90";

        var report = Examine("docker.io");

        Assert.That(report.Facts.Select(fact => fact.Name), Is.EqualTo(new[]
        {
            "host", "served",
            "config file", "keystore", "token cache", "log",
            "docker", "containers", "containers logins", "containers tools",
        }));
        Assert.That(report.GetWouldSucceed, Is.False);
    }

    [Test]
    public void Problems_in_the_files_do_not_change_the_verdict()
    {
        Home.Variables["IBMTP_API_KEY"] = "doctor-order-key-7c2e90";
        Home.Variables["IBMTP_KEYSTORE"] = "vault";

        var report = Examine("us.icr.io");

        Assert.That(report.Facts.Where(fact => fact.Problem).Select(fact => fact.Name), Does.Contain("keystore").And.Contain("docker"));
        Assert.That(report.GetWouldSucceed, Is.True);
    }

    [Test]
    public void A_DOCKER_AUTH_CONFIG_that_bypasses_the_helper_is_flagged_after_the_files_without_changing_the_verdict()
    {
        Home.Variables["IBMTP_API_KEY"] = "doctor-order-key-7c2e90";
        Home.Variables["DOCKER_AUTH_CONFIG"] = """{"auths":{"us.icr.io":{"auth":"eDp5"}}}""";

        var report = Examine("us.icr.io");

        Assert.That(report.Facts[^1], Has.Property(nameof(Fact.Name)).EqualTo("DOCKER_AUTH_CONFIG").And.Property(nameof(Fact.Problem)).True);
        Assert.That(report.GetWouldSucceed, Is.True);
    }
}
