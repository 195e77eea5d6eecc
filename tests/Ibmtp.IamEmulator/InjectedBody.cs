namespace Ibmtp.Emulators;

/// <summary>The body of a queued failure, sent byte for byte as given, with its media type (e.g. <c>text/html; charset=utf-8</c>).</summary>
public sealed record InjectedBody(string Content, string ContentType);
