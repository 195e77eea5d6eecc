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
    public void A_secret_given_as_at_file_is_the_files_trimmed_content_and_says_so()
    {
        var file = Home.WriteFile("cr-token", "  env-secrets-cr-token\n");
        Home.Variables["IBMTP_CR_TOKEN"] = "@" + file;

        var found = Secrets.ComputeResourceToken()!;

        Assert.That(found.Secret.Value, Is.EqualTo("env-secrets-cr-token"));
        Assert.That(found.Origin, Is.EqualTo($"IBMTP_CR_TOKEN (@{file})"));
    }

    [Test]
    public void The_fallback_variable_is_named_as_the_origin_when_it_is_the_one_set()
    {
        Home.Variables["IBMCLOUD_API_KEY"] = "env-secrets-api-key";

        Assert.That(Secrets.ApiKey()!.Origin, Is.EqualTo("IBMCLOUD_API_KEY"));
    }

    [Test]
    public void A_fingerprint_tells_secrets_apart_without_showing_them()
    {
        var one = new SourcedSecret(new Ibmtp.Secrets.Secret("env-secrets-fingerprint-1"), "x");
        var two = new SourcedSecret(new Ibmtp.Secrets.Secret("env-secrets-fingerprint-2"), "x");

        Assert.That(one.Fingerprint, Does.Match("^sha256:[0-9a-f]{8}$"));
        Assert.That(one.Fingerprint, Is.Not.EqualTo(two.Fingerprint));
        Assert.That(one.Fingerprint, Does.Not.Contain("fingerprint"));
    }
}
