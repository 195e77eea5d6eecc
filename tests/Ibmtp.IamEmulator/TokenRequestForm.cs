namespace Ibmtp.Emulators;

/// <summary>The form fields of a request to <c>/identity/token</c>, checked the way IAM checks them.</summary>
internal sealed class TokenRequestForm(IFormCollection fields)
{
    private const string GrantTypeField = "grant_type";
    private const string ResponseTypeField = "response_type";
    private const string ProfileIdField = "profile_id";
    private const string ProfileCrnField = "profile_crn";
    private const string ProfileNameField = "profile_name";
    private const string AccountField = "account";

    /// <summary>The optional fields of the assume grant, which names a trusted profile, by name within an account.</summary>
    public static readonly IReadOnlyList<string> ProfileFields = [ProfileIdField, ProfileCrnField, ProfileNameField, AccountField];

    /// <summary>
    /// The optional fields of the cr-token grant: IBM documents <c>profile_id</c> or <c>profile_name</c> (and the CRN), no SDK sends
    /// an <c>account</c>, and a name is looked up in the compute resource's own account. An account is refused, so a client that
    /// sends one is caught.
    /// </summary>
    public static readonly IReadOnlyList<string> ComputeResourceProfileFields = [ProfileIdField, ProfileCrnField, ProfileNameField];

    public string GrantType => fields[GrantTypeField].ToString();

    /// <summary>The value of a field, or null when it is absent or empty.</summary>
    public string? this[string name] => string.IsNullOrEmpty(fields[name]) ? null : fields[name].ToString();

    /// <summary>The value of a field that <see cref="Check"/> has already confirmed is present.</summary>
    public string Required(string name) =>
        this[name] ?? throw new InvalidOperationException($"'{name}' was read before the form was checked.");

    /// <summary>
    /// Returns the error IAM would give for a missing, repeated or unexpected field. Unexpected fields are refused
    /// rather than ignored so that a client sending, say, its API key along with an assume grant is caught.
    /// </summary>
    public IamError? Check(IReadOnlyCollection<string> required, IReadOnlyCollection<string> optional)
    {
        foreach (var (name, values) in fields)
        {
            if (values.Count > 1)
            {
                return IamError.InvalidInput($"Property '{name}' is given more than once.");
            }

            if (name != GrantTypeField && name != ResponseTypeField && !required.Contains(name) && !optional.Contains(name))
            {
                return IamError.InvalidInput($"Property '{name}' is not allowed with grant type '{GrantType}'.");
            }
        }

        var missing = required.FirstOrDefault(name => this[name] is null);
        if (missing is not null)
        {
            return IamError.MissingProperty(missing);
        }

        var responseType = fields[ResponseTypeField].ToString();
        return fields.ContainsKey(ResponseTypeField) && responseType != "cloud_iam"
            ? IamError.InvalidValue(ResponseTypeField, responseType)
            : null;
    }

    /// <summary>Reads which profile the request names: exactly one of ID, CRN or name, and an account only beside a name.</summary>
    public IamError? ReadProfile(bool accountRequiredWithName, out ProfileReference reference)
    {
        var id = this[ProfileIdField];
        var crn = this[ProfileCrnField];
        var name = this[ProfileNameField];
        var account = this[AccountField];
        reference = new ProfileReference(id, crn, name, account);

        var selectors = new[] { id, crn, name }.Count(value => value is not null);
        if (selectors != 1)
        {
            return IamError.InvalidInput($"Exactly one of '{ProfileIdField}', '{ProfileCrnField}' or '{ProfileNameField}' is required.");
        }

        if (name is null && account is not null)
        {
            return IamError.InvalidInput($"Property '{AccountField}' is only allowed with '{ProfileNameField}'.");
        }

        return name is not null && account is null && accountRequiredWithName
            ? IamError.MissingProperty(AccountField)
            : null;
    }
}
