using System.Net;
using Ibmtp.Iam;
using Ibmtp.Platform;
using Ibmtp.Secrets;
using Ibmtp.Tests.Support;
using Ibmtp.Tokens;

namespace Ibmtp.Tests.Iam;

/// <summary>An IAM that answers too much: the helper stops reading, refuses, and keeps its messages short.</summary>
[TestFixture]
public class HostileResponseTests
{
    private static readonly Secret ApiKey = new("hostile-api-key-0123456789");

    private static Deadline Seconds(double seconds) => new(TimeSpan.FromSeconds(seconds), TimeProvider.System);

    [Test]
    public void A_body_over_the_limit_is_refused_at_once_without_a_retry()
    {
        var http = new FakeHttp().Answer(HttpStatusCode.OK, new string('x', BoundedResponseHandler.LargestBody + 1));
        using var deadline = Seconds(5);
        using var iam = http.Iam();

        var error = Assert.ThrowsAsync<HelperException>(() => iam.ApiKeyTokenAsync(ApiKey, deadline));

        Assert.That(error!.Message, Does.Contain("larger than 1024 KiB"));
        Assert.That(http.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public void A_token_far_larger_than_any_IAM_token_is_refused()
    {
        var http = new FakeHttp().AnswerToken(new string('t', IamClient.LargestToken + 1));
        using var deadline = Seconds(5);
        using var iam = http.Iam();

        var error = Assert.ThrowsAsync<IamUnavailableException>(() => iam.ApiKeyTokenAsync(ApiKey, deadline));

        Assert.That(error!.Message, Does.Contain("far larger than any IAM token").And.Length.LessThan(300));
    }

    [TestCase("""{"access_token":12345,"expires_in":3600}""")]
    [TestCase("""{"access_token":"a-token","expires_in":"3600"}""")]
    [TestCase("""{"access_token":["a-token"]}""")]
    [TestCase("null")]
    [TestCase("<html><body>Service Unavailable</body></html>")]
    [TestCase("")]
    public void A_success_that_is_not_a_token_response_is_named_as_such(string body)
    {
        using var deadline = Seconds(5);
        using var iam = new FakeHttp().Answer(HttpStatusCode.OK, body).Iam();
        using var metadata = new FakeHttp().AnswerToken("instance-identity").Answer(HttpStatusCode.OK, body).Metadata();

        var iamError = Assert.ThrowsAsync<IamUnavailableException>(() => iam.ApiKeyTokenAsync(ApiKey, deadline));
        var metadataError = Assert.ThrowsAsync<IamUnavailableException>(() => metadata.TrustedProfileTokenAsync(null, deadline));

        Assert.That(iamError!.Message, Does.Contain("not a token response"));
        Assert.That(metadataError!.Message, Does.Contain("not a token response"));
    }

    [Test]
    public void A_huge_redirect_target_is_cut_to_a_short_excerpt()
    {
        var target = $"http://elsewhere.example/{new string('p', 60_000)}";
        var http = new FakeHttp().Answer(HttpStatusCode.Found, "", response => response.Headers.Location = new Uri(target));
        using var deadline = Seconds(5);
        using var iam = http.Iam();

        var error = Assert.ThrowsAsync<HelperException>(() => iam.ApiKeyTokenAsync(ApiKey, deadline));

        Assert.That(error!.Message, Does.Contain("redirect").And.Contain("elsewhere.example").And.Contain("characters in all"));
        Assert.That(error.Message, Has.Length.LessThan(1000));
    }

    [Test]
    public void A_huge_error_message_is_cut_to_a_short_excerpt()
    {
        var http = new FakeHttp().Answer(HttpStatusCode.BadRequest, $$"""{"errorCode":"BXNIM0415E","errorMessage":"{{new string('e', 50_000)}}"}""");
        using var deadline = Seconds(5);
        using var iam = http.Iam();

        var error = Assert.ThrowsAsync<IamRejectedException>(() => iam.ApiKeyTokenAsync(ApiKey, deadline));

        Assert.That(error!.Message, Does.Contain("BXNIM0415E").And.Contain("50000 characters in all"));
        Assert.That(error.Message, Has.Length.LessThan(1000));
    }
}
