using System.Text;

namespace Ibmtp.ClientConfig;

/// <summary>
/// How Go's <c>encoding/json</c> matches a JSON name to a struct field it does not spell exactly
/// (<c>fold.go</c>, <c>foldName</c>): each ASCII letter in any case, and a character outside ASCII
/// only when its case folds to that letter: the long s (U+017F) to s. (The Kelvin sign, U+212A,
/// folds to k, which no field read this way holds.)
/// </summary>
internal static class GoFieldName
{
    /// <summary>Whether Go's decoder reads <paramref name="name"/> into the field named <paramref name="field"/>, an ASCII name.</summary>
    public static bool Matches(string name, string field) => Ascii.EqualsIgnoreCase(name.Replace('\u017F', 's'), field);
}
