using System.Text.Json.Serialization;

namespace Ibmtp.Diagnostics;

/// <summary>Everything <c>doctor</c> found for one host; <paramref name="GetWouldSucceed"/> is its exit status.</summary>
public sealed record DoctorReport(
    [property: JsonPropertyName("host")] string Host,
    [property: JsonPropertyName("getWouldSucceed")] bool GetWouldSucceed,
    [property: JsonPropertyName("facts")] IReadOnlyList<Fact> Facts);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(DoctorReport))]
internal sealed partial class DoctorJsonContext : JsonSerializerContext;
