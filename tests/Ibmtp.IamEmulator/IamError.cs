using System.Text.Json.Serialization;

namespace Ibmtp.Emulators;

/// <summary>
/// An error response shaped like IAM's: <c>errorCode</c>, <c>errorMessage</c> and a <c>context</c> carrying the request ID,
/// which IAM also returns in the Transaction-Id header. The codes follow IAM's BXNIM numbering.
/// </summary>
internal sealed record IamError(int StatusCode, string ErrorCode, string ErrorMessage) : IResult
{
    public static IamError InvalidInput(string message) => new(StatusCodes.Status400BadRequest, "BXNIM0109E", message);

    public static IamError MissingProperty(string property) => InvalidInput($"Property '{property}' missing or empty.");

    public static IamError InvalidValue(string property, string value) =>
        new(StatusCodes.Status400BadRequest, "BXNIM0106E", $"Validation of property '{property}' with value '{value}' failed.");

    public static IamError AuthorizationHeaderNotAllowed() =>
        InvalidInput("The Authorization header must not be sent with this grant type.");

    public static IamError ApiKeyNotFound() => new(StatusCodes.Status400BadRequest, "BXNIM0415E", "Provided API key could not be found");

    public static IamError InvalidToken(string property) =>
        new(StatusCodes.Status400BadRequest, "BXNIM0407E", $"Provided {property} is invalid, expired or revoked.");

    public static IamError ProfileNotFound() => new(StatusCodes.Status400BadRequest, "BXNIM0513E", "Profile not found");

    public static IamError NotTrusted() =>
        new(StatusCodes.Status403Forbidden, "BXNIM0538E", "The identity is not trusted by the profile.");

    /// <summary>
    /// A passcode or refresh grant without <c>Authorization: Basic</c> of the public client <c>bx:bx</c>. The code and
    /// message are not confirmed by any public source; the 401 is what an OAuth server gives a client it cannot authenticate.
    /// </summary>
    public static IamError InvalidClient() =>
        new(StatusCodes.Status401Unauthorized, "BXNIM0308E", "The client ID or secret in the Authorization header is missing or invalid.");

    /// <summary>A grant in a session past its maximum length, or past the expiration of the federated rule it acts through.</summary>
    public static IamError SessionExpired() =>
        new(StatusCodes.Status400BadRequest, "BXNIM0408E", "Provided refresh token is expired: the session has ended, sign in again.");

    /// <summary>A grant in a session left unused longer than its account's inactivity timeout.</summary>
    public static IamError SessionInactive() =>
        new(StatusCodes.Status400BadRequest, "BXNIM0439E", "The session is inactive: it was not used within the account's inactivity timeout.");

    /// <summary>
    /// A person's token presented to assume a profile that does not trust the person (no Individual trust, no federated
    /// rule that admits them). BXNIM0398E is what IAM answers a compute resource its profile does not trust (see the
    /// fixture issue-iam-error-BXNIM0398E.json); that IAM answers a person so too is not confirmed publicly.
    /// </summary>
    public static IamError PersonNotTrusted() =>
        new(StatusCodes.Status403Forbidden, "BXNIM0398E", "Selected trusted profile not eligible.");

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var requestId = Guid.NewGuid().ToString();
        httpContext.Response.Headers["Transaction-Id"] = requestId;
        var context = new ErrorContext(
            requestId,
            "incoming.Identity_Token",
            httpContext.Request.Headers.UserAgent.ToString(),
            $"{httpContext.Request.Scheme}://{httpContext.Request.Host}",
            DateTimeOffset.UtcNow.ToString("O"));
        var result = TypedResults.Json(new ErrorBody(ErrorCode, ErrorMessage, context), statusCode: StatusCode);
        return result.ExecuteAsync(httpContext);
    }

    private sealed record ErrorBody(
        [property: JsonPropertyName("errorCode")] string ErrorCode,
        [property: JsonPropertyName("errorMessage")] string ErrorMessage,
        [property: JsonPropertyName("context")] ErrorContext Context);

    private sealed record ErrorContext(
        [property: JsonPropertyName("requestId")] string RequestId,
        [property: JsonPropertyName("requestType")] string RequestType,
        [property: JsonPropertyName("userAgent")] string UserAgent,
        [property: JsonPropertyName("url")] string Url,
        [property: JsonPropertyName("startTime")] string StartTime);
}
