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
    public void A_text_that_is_the_secret_and_nothing_else_is_blanked_and_one_shorter_is_left_alone()
    {
        _ = new Secret("refresh/token+1a2b3c4d5e");

        Assert.That(SecretRedactor.Redact("refresh/token+1a2b3c4d5e"), Is.EqualTo("[REDACTED]"));
        Assert.That(SecretRedactor.Redact("refresh/token+1a2b3c4d5"), Is.EqualTo("refresh/token+1a2b3c4d5"));
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

    [TestCase("a/b c+d&é~", "a/b%20c%2Bd%26%C3%A9~", TestName = "Python's quote, which keeps '/'")]
    [TestCase("a/b c+d&é~", "a%2fb%20c%2bd%26%c3%a9%7e", TestName = "Lower-case hex")]
    [TestCase("a/b c+d&é~", "a%2Fb+c%2Bd%26%C3%A9%7E", TestName = "A form encoder's '+' for a space (quote_plus, URLEncoder)")]
    [TestCase("a/b c+d&é~", "a/b+c%2bd%26%c3%A9~", TestName = "Forms mixed in one echo")]
    [TestCase("p(w)d*!'x", "p(w)d*!'x", TestName = "encodeURIComponent, which keeps !'()*")]
    [TestCase("a/b c+d&é~", @"a\/b c+d\u0026\u00e9~", TestName = "JSON with an escaped slash and lower-case hex")]
    [TestCase("key~1234", "key%7E1234", TestName = "A '~' that Java's URLEncoder encodes")]
    public void Every_spelling_a_server_may_echo_a_secret_in_is_blanked(string secret, string echoed)
    {
        _ = new Secret(secret);

        Assert.That(SecretRedactor.Redact($"GET /token?apikey={echoed}&x=1 failed"), Is.EqualTo("GET /token?apikey=[REDACTED]&x=1 failed"));
    }

    [Test]
    public void A_text_that_only_starts_like_a_spelled_secret_is_left_as_it_is()
    {
        _ = new Secret("spelled/secret 5");

        Assert.That(SecretRedactor.Redact("spelled%2Fsecret+6 and spelled/secre"), Is.EqualTo("spelled%2Fsecret+6 and spelled/secre"));
    }

    [Test]
    public void A_spelling_that_reads_a_percent_sign_two_ways_is_still_found()
    {
        // "%25" is the secret's own "%2" followed by "5", or its "%" percent-encoded: only the second reading goes on to match.
        _ = new Secret("%25%x");

        Assert.That(SecretRedactor.Redact("<%2525%25x>"), Is.EqualTo("<[REDACTED]>"));
    }
}
