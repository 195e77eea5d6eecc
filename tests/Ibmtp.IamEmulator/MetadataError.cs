using System.Text.Json.Serialization;

namespace Ibmtp.Emulators;

/// <summary>An error response shaped like the VPC APIs': a list of <c>{code, message}</c>, a trace ID and the status code.</summary>
internal sealed record MetadataError(int StatusCode, string Code, string Message) : IResult
{
    public static MetadataError BadRequest(string message) => new(StatusCodes.Status400BadRequest, "bad_request", message);

    public static MetadataError Unauthorized(string message) => new(StatusCodes.Status401Unauthorized, "unauthorized", message);

    public static MetadataError NotFound(string message) => new(StatusCodes.Status404NotFound, "not_found", message);

    public static MetadataError ProfileNotFound() =>
        new(StatusCodes.Status404NotFound, "trusted_profile_not_found", "The trusted profile was not found.");

    public static MetadataError NotTrusted() =>
        new(StatusCodes.Status403Forbidden, "forbidden", "The trusted profile does not trust this instance.");

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var body = new ErrorBody([new ErrorEntry(Code, Message)], Guid.NewGuid().ToString(), StatusCode);
        return TypedResults.Json(body, statusCode: StatusCode).ExecuteAsync(httpContext);
    }

    private sealed record ErrorBody(
        [property: JsonPropertyName("errors")] IReadOnlyList<ErrorEntry> Errors,
        [property: JsonPropertyName("trace")] string Trace,
        [property: JsonPropertyName("status_code")] int StatusCodeValue);

    private sealed record ErrorEntry(
        [property: JsonPropertyName("code")] string Code,
        [property: JsonPropertyName("message")] string Message);
}
