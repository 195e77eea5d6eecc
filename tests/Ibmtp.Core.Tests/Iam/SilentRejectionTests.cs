using System.Net;
using Ibmtp.Iam;
using Ibmtp.Platform;
using Ibmtp.Secrets;
using Ibmtp.Tests.Support;

namespace Ibmtp.Tests.Iam;

/// <summary>
/// A refusal that says little: no body, no reason phrase (as over HTTP/2, or from a server that sends an
/// empty one), an empty trace or request id. The message still reads as one sentence, with the status's
/// standard name and "none" where an id is missing, and never a double space.
/// </summary>
[TestFixture]
public sealed class SilentRejectionTests
{
    private static readonly Secret ApiKey = new("silent-api-key-0123456789abcdefghijklmno");

    private static Deadline Seconds(double seconds) => new(TimeSpan.FromSeconds(seconds), TimeProvider.System);

    private static void NoReasonPhrase(HttpResponseMessage response) => response.ReasonPhrase = "";

    private static string IamRefusal(FakeHttp http)
    {
        using var deadline = Seconds(5);
        using var iam = http.Iam();
        return Assert.ThrowsAsync<IamRejectedException>(() => iam.ApiKeyTokenAsync(ApiKey, deadline))!.Message;
    }

    private static string MetadataRefusal(FakeHttp http)
    {
        using var deadline = Seconds(5);
        using var metadata = http.Metadata();
        return Assert.ThrowsAsync<IamRejectedException>(() => metadata.TrustedProfileTokenAsync(null, deadline))!.Message;
    }

    [Test]
    public void IAM_without_a_body_or_reason_phrase_is_quoted_by_the_status_codes_standard_name()
    {
        var message = IamRefusal(new FakeHttp().Answer(HttpStatusCode.BadRequest, "", NoReasonPhrase));

        Assert.That(message, Does.StartWith("IAM rejected the apikey grant (HTTP 400): Bad Request (request id none); ").And.Not.Contain("  "));
    }

    [Test]
    public void The_VPC_metadata_service_without_a_body_or_reason_phrase_is_quoted_by_the_status_codes_standard_name()
    {
        var message = MetadataRefusal(new FakeHttp().Answer(HttpStatusCode.BadRequest, "", NoReasonPhrase));

        Assert.That(message, Does.Contain("(HTTP 400): Bad Request (trace none); ").And.Not.Contain("  "));
    }

    [Test]
    public void A_status_code_without_a_standard_name_says_there_was_no_message()
    {
        var message = IamRefusal(new FakeHttp().Answer((HttpStatusCode)499, "", NoReasonPhrase));

        Assert.That(message, Does.StartWith("IAM rejected the apikey grant (HTTP 499): no message (request id none); "));
    }

    [TestCase("""{"errors":[{"code":"bad_request","message":"Bad version."}],"trace":""}""")]
    [TestCase("""{"errors":[{"code":"bad_request","message":"Bad version."}],"trace":" "}""")]
    public void An_empty_VPC_trace_is_none(string body)
    {
        var message = MetadataRefusal(new FakeHttp().Answer(HttpStatusCode.BadRequest, body));

        Assert.That(message, Does.Contain("(HTTP 400): bad_request Bad version. (trace none); "));
    }

    [Test]
    public void An_empty_IAM_request_id_is_none()
    {
        var message = IamRefusal(new FakeHttp().Answer(HttpStatusCode.BadRequest,
            """{"errorCode":"BXNIM0415E","errorMessage":"Provided API key could not be found","context":{"requestId":""}}"""));

        Assert.That(message, Does.Contain("Provided API key could not be found (request id none); "));
    }

    [Test]
    public void An_empty_IAM_request_id_gives_way_to_the_Transaction_Id_header()
    {
        var message = IamRefusal(new FakeHttp().Answer(HttpStatusCode.BadRequest,
            """{"errorCode":"BXNIM0415E","errorMessage":"Provided API key could not be found","context":{"requestId":""}}""",
            response => response.Headers.Add("Transaction-Id", "tx-7")));

        Assert.That(message, Does.Contain("(request id tx-7); "));
    }
}
