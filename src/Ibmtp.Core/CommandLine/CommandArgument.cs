namespace Ibmtp.CommandLine;

/// <summary>The one word a person's command takes that is not an option (<c>doctor [host]</c>), and its value when left out.</summary>
public sealed record CommandArgument(string Name, string Description, string Default);
