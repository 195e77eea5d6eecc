namespace Ibmtp.ClientConfig;

/// <summary>A member of a JSON object: its name as the clients read it, where the name stands as written, and its value.</summary>
internal sealed record JsonMember(string Name, int NameStart, int NameEnd, JsonItem Value);
