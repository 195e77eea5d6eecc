using System.Text;
using Ibmtp.Iam;
using Ibmtp.Secrets;
using Ibmtp.Tokens;

namespace Ibmtp.Tests.Iam;

/// <summary>Who an IAM access token speaks for, read from its claims: the person's name and IAM ID, the account, and whether it already acts as a trusted profile.</summary>
[TestFixture]
public sealed class AccessTokenClaimsTests
{
    /// <summary>An IAM-shaped JWT around <paramref name="payload"/>; the signature is not checked.</summary>
    public static Secret Jwt(string payload) =>
        new($"{Base64Url("""{"kid":"20260101","alg":"RS256"}""")}.{Base64Url(payload)}.c2lnbmF0dXJl");

    private static string Base64Url(string text) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [Test]
    public void A_persons_token_names_the_person_their_IAM_ID_and_account()
    {
        var claims = AccessTokenClaims.Of(Jwt(
            """{"iam_id":"IBMid-2700001AB2","id":"IBMid-2700001AB2","realmid":"IBMid","sub":"jane@example.com","sub_type":"User","name":"Jane Doe","email":"jane@example.com","account":{"valid":true,"bss":"account-1"},"iat":1,"exp":2}"""));

        Assert.That(claims, Is.EqualTo(new AccessTokenClaims("IBMid-2700001AB2", "Jane Doe", false, "account-1")));
    }

    [Test]
    public void A_token_acting_as_a_profile_says_so()
    {
        var claims = AccessTokenClaims.Of(Jwt("""{"iam_id":"iam-Profile-1","sub_type":"Profile","name":"builder","authn":{"iam_id":"IBMid-2700001AB2"}}"""));

        Assert.That(claims.ActsAsProfile, Is.True);
    }

    [Test]
    public void A_token_acting_as_a_profile_names_the_person_who_assumed_it_not_the_profile()
    {
        var claims = AccessTokenClaims.Of(Jwt("""{"iam_id":"iam-Profile-1","sub_type":"Profile","name":"builder","authn":{"iam_id":"IBMid-2700001AB2","name":"Ada Lovelace"}}"""));

        Assert.That((claims.IamId, claims.Name, claims.ActsAsProfile), Is.EqualTo(("IBMid-2700001AB2", "Ada Lovelace", true)));
    }

    [Test]
    public void Without_a_name_the_email_then_the_IAM_ID_names_the_person()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(AccessTokenClaims.Of(Jwt("""{"iam_id":"IBMid-1","email":"jane@example.com"}""")).Name, Is.EqualTo("jane@example.com"));
            Assert.That(AccessTokenClaims.Of(Jwt("""{"iam_id":"IBMid-1"}""")).Name, Is.EqualTo("IBMid-1"));
        }
    }

    [Test]
    public void A_name_is_made_one_line_for_messages()
    {
        Assert.That(AccessTokenClaims.Of(Jwt("""{"iam_id":"IBMid-1","name":"Jane\nDoe"}""")).Name, Does.Not.Contain("\n"));
    }

    [TestCase("not-a-jwt")]
    [TestCase("a.b")]
    [TestCase("a.!!!.c")]
    public void A_token_that_is_no_JWT_is_refused(string token)
    {
        Assert.That(() => AccessTokenClaims.Of(new Secret(token)),
            Throws.TypeOf<IamUnavailableException>().With.Message.StartsWith("IAM answered with an access token whose claims cannot be read"));
    }

    [TestCase("""{"name":"Jane Doe"}""")]
    [TestCase("""{"iam_id":42}""")]
    [TestCase("""[1]""")]
    public void Claims_without_an_IAM_ID_are_refused(string payload)
    {
        Assert.That(() => AccessTokenClaims.Of(Jwt(payload)), Throws.TypeOf<IamUnavailableException>());
    }
}
