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
