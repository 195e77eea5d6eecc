using Ibmtp.Logging;

namespace Ibmtp.Tests.Logging;

[TestFixture]
public class SecretRedactorTests
{
    private const string Jwt = "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJQcm9maWxlLTEifQ.c2lnbmF0dXJlLWJ5dGVz";

    [Test]
    public void A_registered_secret_is_blanked_wherever_it_appears()
    {
        var redactor = new SecretRedactor();
        redactor.Protect("api-key-1");

        Assert.That(redactor.Redact("key=api-key-1; again api-key-1."), Is.EqualTo("key=[REDACTED]; again [REDACTED]."));
    }

    [Test]
    public void Protect_hands_back_the_secret_it_registers()
    {
        Assert.That(new SecretRedactor().Protect("api-key-1"), Is.EqualTo("api-key-1"));
    }

    [Test]
    public void A_secret_that_contains_another_is_blanked_whole()
    {
        var redactor = new SecretRedactor();
        redactor.Protect("abcd");
        redactor.Protect("abcd-efgh");

        Assert.That(redactor.Redact("<abcd-efgh>"), Is.EqualTo("<[REDACTED]>"));
    }

    [Test]
    public void Strings_too_short_to_be_secrets_are_not_blanked_so_that_ordinary_words_survive()
    {
        var redactor = new SecretRedactor();
        redactor.Protect("get");

        Assert.That(redactor.Redact("get us.icr.io"), Is.EqualTo("get us.icr.io"));
    }

    [Test]
    public void A_JWT_shaped_token_is_blanked_even_if_never_registered()
    {
        Assert.That(new SecretRedactor().Redact($"Authorization: Bearer {Jwt} sent"), Is.EqualTo("Authorization: Bearer [REDACTED] sent"));
    }

    [Test]
    public void Text_without_secrets_is_unchanged()
    {
        var redactor = new SecretRedactor();
        redactor.Protect("api-key-1");

        Assert.That(redactor.Redact("get us.icr.io: credentials from environment for Profile-1"), Is.EqualTo("get us.icr.io: credentials from environment for Profile-1"));
    }
}
