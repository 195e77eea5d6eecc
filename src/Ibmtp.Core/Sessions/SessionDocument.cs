using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Ibmtp.CloudIdentity;
using Ibmtp.Secrets;
using static Ibmtp.Json.JsonFields;

namespace Ibmtp.Sessions;

/// <summary>
/// A <see cref="PersonSession"/> as the keystore keeps it: a JSON document with a format version.
/// Written by the serializer's generated code; read field by field (<see cref="Json.JsonFields"/>) by the
/// same names, as the keystore reads its own file: a `get` reads the session, and the serializer's
/// metadata would cost it a fifth of its time (bench/startup-layout.md).
/// </summary>
internal sealed class SessionDocument
{
    /// <summary>Raised when the document changes in a way an older helper would misread.</summary>
    public const int CurrentFormat = 1;

    private const string FormatName = "format";
    private const string RefreshTokenName = "refreshToken";
    private const string SessionIdName = "sessionId";
    private const string IamUrlName = "iamUrl";
    private const string ProfileName = "profile";
    private const string ProfileKindName = "kind";
    private const string ProfileValueName = "value";
    private const string ProfileAccountName = "account";
    private const string AccountName = "account";
    private const string PersonNameName = "personName";
    private const string PersonIamIdName = "personIamId";
    private const string LoggedInAtName = "loggedInAt";
    private const string RenewedAtName = "renewedAt";
    private const string ActsAsProfileName = "actsAsProfile";
    private const string EndsAtName = "endsAt";

    [JsonPropertyName(FormatName)]
    public int Format { get; set; } = CurrentFormat;

    [JsonPropertyName(RefreshTokenName)]
    public string RefreshToken { get; set; } = "";

    [JsonPropertyName(SessionIdName)]
    public string SessionId { get; set; } = "";

    [JsonPropertyName(IamUrlName)]
    public string IamUrl { get; set; } = "";

    [JsonPropertyName(ProfileName)]
    public ProfileField? Profile { get; set; }

    [JsonPropertyName(AccountName)]
    public string? Account { get; set; }

    [JsonPropertyName(PersonNameName)]
    public string PersonName { get; set; } = "";

    [JsonPropertyName(PersonIamIdName)]
    public string PersonIamId { get; set; } = "";

    [JsonPropertyName(LoggedInAtName)]
    public string LoggedInAt { get; set; } = "";

    [JsonPropertyName(RenewedAtName)]
    public string RenewedAt { get; set; } = "";

    [JsonPropertyName(ActsAsProfileName)]
    public bool ActsAsProfile { get; set; }

    [JsonPropertyName(EndsAtName)]
    public string? EndsAt { get; set; }

    internal sealed class ProfileField
    {
        [JsonPropertyName(ProfileKindName)]
        public string Kind { get; set; } = "";

        [JsonPropertyName(ProfileValueName)]
        public string Value { get; set; } = "";

        [JsonPropertyName(ProfileAccountName)]
        public string? Account { get; set; }
    }

    public static string Serialize(PersonSession session) =>
        JsonSerializer.Serialize(
            new SessionDocument
            {
                RefreshToken = session.RefreshToken.Value,
                SessionId = session.SessionId,
                IamUrl = session.IamUrl.AbsoluteUri,
                Profile = session.Profile is { } profile ? new ProfileField { Kind = KindSpelling(profile.Kind), Value = profile.Value, Account = profile.AccountId } : null,
                Account = session.Account,
                PersonName = session.PersonName,
                PersonIamId = session.PersonIamId,
                LoggedInAt = Time(session.LoggedInAt),
                RenewedAt = Time(session.RenewedAt),
                ActsAsProfile = session.ActsAsProfile,
                EndsAt = session.EndsAt is { } endsAt ? Time(endsAt) : null,
            },
            SessionJsonContext.Default.SessionDocument);

    /// <summary>The session, its refresh token registered with the redactor; a <see cref="FormatException"/> or <see cref="JsonException"/> saying what is wrong.</summary>
    public static PersonSession Parse(string json)
    {
        var session = Read(System.Text.Encoding.UTF8.GetBytes(json), root =>
        {
            var format = Field(root, FormatName) is { ValueKind: JsonValueKind.Number } number && number.TryGetInt32(out var value) ? value : throw WrongType(FormatName);
            if (format != CurrentFormat)
                throw new FormatException($"format {format}, where this helper reads format {CurrentFormat}");
            var actsAsProfile = Field(root, ActsAsProfileName) switch
            {
                null => false,
                { ValueKind: JsonValueKind.True } => true,
                { ValueKind: JsonValueKind.False } => false,
                _ => throw WrongType(ActsAsProfileName),
            };
            var profile = Field(root, ProfileName) switch
            {
                null or { ValueKind: JsonValueKind.Null } => null,
                { ValueKind: JsonValueKind.Object } field => new TrustedProfile(Kind(Required(field, ProfileKindName)), Required(field, ProfileValueName), Text(field, ProfileAccountName)),
                _ => throw WrongType(ProfileName),
            };
            if (profile is null && !actsAsProfile)
                throw new FormatException("no trusted profile");
            // The refresh token goes there: held to the rule every IAM address is held to, whoever wrote the entry.
            var iamUrl = EndpointPolicy.Check(Required(root, IamUrlName), out var url) is { } problem ? throw new FormatException($"'{IamUrlName}' is {problem}") : url;
            return new PersonSession(
                new Secret(Required(root, RefreshTokenName)),
                // IAM's answer may name no session; login keeps it empty then.
                Text(root, SessionIdName) ?? "",
                iamUrl,
                profile,
                Text(root, AccountName),
                Required(root, PersonNameName),
                Required(root, PersonIamIdName),
                Time(Required(root, LoggedInAtName), LoggedInAtName),
                Time(Required(root, RenewedAtName), RenewedAtName),
                actsAsProfile,
                Text(root, EndsAtName) is { } endsAt ? Time(endsAt, EndsAtName) : null);
        });
        return session ?? throw new FormatException("null");
    }

    private static string Required(JsonElement parent, string name) =>
        Text(parent, name) is { Length: > 0 } value ? value : throw new FormatException($"no '{name}'");

    private static string Time(DateTimeOffset time) => time.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset Time(string text, string name) =>
        DateTimeOffset.TryParseExact(text, "O", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : throw new FormatException($"'{name}' is no time");

    private static string KindSpelling(TrustedProfileKind kind) => kind switch
    {
        TrustedProfileKind.Id => "id",
        TrustedProfileKind.Crn => "crn",
        TrustedProfileKind.Name => "name",
    };

    private static TrustedProfileKind Kind(string spelling) => spelling switch
    {
        "id" => TrustedProfileKind.Id,
        "crn" => TrustedProfileKind.Crn,
        "name" => TrustedProfileKind.Name,
        _ => throw new FormatException($"no profile kind '{spelling}'"),
    };
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SessionDocument))]
internal sealed partial class SessionJsonContext : JsonSerializerContext;
