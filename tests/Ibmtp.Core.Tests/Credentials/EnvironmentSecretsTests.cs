using Ibmtp.Credentials;
using Ibmtp.Tests.Support;

namespace Ibmtp.Tests.Credentials;

/// <summary>Secrets read from the environment: a value, or @file; what a blank value means differs by secret.</summary>
[TestFixture]
public sealed class EnvironmentSecretsTests : TempHomeFixture
{
    private EnvironmentSecrets Secrets => new(Home.Environment, []);

    [Test]
    public void A_blank_API_key_counts_as_none_so_the_next_variable_or_source_is_tried()
    {
        Home.Variables["IBMTP_API_KEY"] = "   ";

        Assert.That(Secrets.ApiKey(), Is.Null);
    }

    [Test]
    public void A_blank_keystore_passphrase_is_still_a_passphrase_so_a_keystore_sealed_with_it_opens()
    {
        Home.Variables["IBMTP_KEYSTORE_PASSPHRASE"] = "   ";

        Assert.That(Secrets.KeystorePassphrase()?.Value, Is.EqualTo(""));
    }

    [Test]
    public void A_secret_given_as_at_file_is_the_files_trimmed_content()
    {
        Home.Variables["IBMTP_CR_TOKEN"] = "@" + Home.WriteFile("cr-token", "  env-secrets-cr-token\n");

        Assert.That(Secrets.ComputeResourceToken()?.Value, Is.EqualTo("env-secrets-cr-token"));
    }
}
