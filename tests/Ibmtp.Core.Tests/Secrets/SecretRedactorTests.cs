using Ibmtp.Secrets;

namespace Ibmtp.Tests.Secrets;

/// <summary>
/// The redactor is one per process, as in the helper, so each test registers secrets no other test uses.
/// </summary>
[TestFixture]
public class SecretRedactorTests
{
    private const string Jwt = "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJQcm9maWxlLTEifQ.c2lnbmF0dXJlLWJ5dGVz";

    [Test]
    public void A_secret_is_blanked_wherever_it_appears_from_the_moment_it_exists()
    {
        _ = new Secret("redactor-key-1");

        Assert.That(SecretRedactor.Redact("key=redactor-key-1; again redactor-key-1."), Is.EqualTo("key=[REDACTED]; again [REDACTED]."));
    }

    [Test]
    public void A_secret_that_contains_another_is_blanked_whole()
    {
        _ = new Secret("wxyz");
        _ = new Secret("wxyz-efgh");

        Assert.That(SecretRedactor.Redact("<wxyz-efgh>"), Is.EqualTo("<[REDACTED]>"));
    }

    [Test]
    public void Strings_too_short_to_be_secrets_are_not_blanked_so_that_ordinary_words_survive()
    {
        _ = new Secret("get");

        Assert.That(SecretRedactor.Redact("get us.icr.io"), Is.EqualTo("get us.icr.io"));
    }

    [Test]
    public void A_JWT_shaped_token_is_blanked_even_if_never_registered()
    {
        Assert.That(SecretRedactor.Redact($"Authorization: Bearer {Jwt} sent"), Is.EqualTo("Authorization: Bearer [REDACTED] sent"));
    }

    [Test]
    public void Text_without_secrets_is_unchanged()
    {
        _ = new Secret("redactor-key-2");

        Assert.That(SecretRedactor.Redact("get us.icr.io: credentials from environment for Profile-1"), Is.EqualTo("get us.icr.io: credentials from environment for Profile-1"));
    }

    [Test]
    public void The_forms_a_server_or_proxy_echoes_a_secret_in_are_blanked_too()
    {
        const string secret = "redactor/key+3=\"x";
        _ = new Secret(secret);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(SecretRedactor.Redact($"apikey={Uri.EscapeDataString(secret)}"), Is.EqualTo("apikey=[REDACTED]"));
            Assert.That(SecretRedactor.Redact($"{{\"apikey\":\"{System.Text.Json.JsonEncodedText.Encode(secret)}\"}}"), Is.EqualTo("{\"apikey\":\"[REDACTED]\"}"));
            Assert.That(SecretRedactor.Redact($"Basic {Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(secret))}"), Is.EqualTo("Basic [REDACTED]"));
        }
    }
}
