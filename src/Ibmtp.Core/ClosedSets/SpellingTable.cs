namespace Ibmtp.ClosedSets;

/// <summary>
/// Every value of a closed set with the one way settings, messages and the README spell it and what it
/// means, so the parser, messages and the README all read them from one list.
/// </summary>
public sealed class SpellingTable<T> where T : struct, Enum
{
    public sealed record Row(T Value, string Spelling, string Meaning);

    private readonly Row[] _rows;

    /// <param name="rows">One per value, in the order hints and the README list them.</param>
    public SpellingTable(params Row[] rows) => _rows = rows;

    public IReadOnlyList<Row> Rows => _rows;

    /// <summary>Reads a spelling as settings are read: blanks around it and case do not matter.</summary>
    public bool TryParse(string text, out T value)
    {
        var spelling = text.Trim().ToLowerInvariant();
        foreach (var row in _rows)
        {
            if (row.Spelling == spelling)
            {
                value = row.Value;
                return true;
            }
        }
        value = default;
        return false;
    }

    public string Spelling(T value)
    {
        foreach (var row in _rows)
        {
            if (EqualityComparer<T>.Default.Equals(row.Value, value))
                return row.Spelling;
        }
        throw new ArgumentOutOfRangeException(nameof(value), "a value without a row in its table");
    }
}
