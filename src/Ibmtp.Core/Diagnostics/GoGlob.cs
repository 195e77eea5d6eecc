using System.Buffers;
using System.Text;

namespace Ibmtp.Diagnostics;

/// <summary>
/// Go's <c>path/filepath.Match</c> as it runs on Linux (golang/go <c>src/path/filepath/match.go</c>, unchanged since
/// Go 1.16), with which the kubelet matches each host label of a <c>matchImages</c> pattern: <c>*</c> matches any run
/// of characters but '/', <c>?</c> one character but '/', <c>[...]</c> one character of a class of characters and
/// <c>lo-hi</c> ranges (<c>[^...]</c> one not in it), <c>\</c> makes the next character plain. A malformed pattern is
/// Go's <c>ErrBadPattern</c>, reported whatever the name, as Go checks the rest of a pattern before saying no.
/// Ported rather than turned into a regular expression: a regex built at run time links .NET's regex interpreter,
/// whose static fields every start of the helper would set up (<c>bench/startup-statics.md</c>).
/// Go steps through a name by UTF-8 bytes and by runes; here by UTF-16 characters, and by runes where Go takes a
/// rune (<c>?</c>, a class), which is the same for every host name.
/// </summary>
public static class GoGlob
{
    private const char Separator = '/';

    /// <summary>False when <paramref name="pattern"/> is malformed (Go's <c>ErrBadPattern</c>); else whether it matches all of <paramref name="name"/>.</summary>
    public static bool TryMatch(ReadOnlySpan<char> pattern, ReadOnlySpan<char> name, out bool matched)
    {
        matched = false;
        while (!pattern.IsEmpty)
        {
            var star = NextChunk(ref pattern, out var chunk);
            if (star && chunk.IsEmpty)
            {
                matched = !name.Contains(Separator);
                return true;
            }
            if (!TryMatchChunk(chunk, name, out var rest, out var ok))
                return false;
            // The last chunk must use up the name; a star before it may still find a later start that does.
            if (ok && (rest.IsEmpty || !pattern.IsEmpty))
            {
                name = rest;
                continue;
            }
            if (star)
            {
                var later = TryLaterStart(chunk, ref name, lastChunk: pattern.IsEmpty);
                if (later is null)
                    return false;
                if (later.Value)
                    continue;
            }
            return IsWellFormed(pattern);
        }
        matched = name.IsEmpty;
        return true;
    }

    /// <summary>Where a chunk after a star matches, skipping one more character each time but never a '/': true and the rest of the name, false for nowhere, null for a malformed chunk.</summary>
    private static bool? TryLaterStart(scoped ReadOnlySpan<char> chunk, ref ReadOnlySpan<char> name, bool lastChunk)
    {
        for (var i = 0; i < name.Length && name[i] != Separator; i++)
        {
            if (!TryMatchChunk(chunk, name[(i + 1)..], out var rest, out var ok))
                return null;
            if (ok && !(lastChunk && !rest.IsEmpty))
            {
                name = rest;
                return true;
            }
        }
        return false;
    }

    /// <summary>Go says no only after the rest of the pattern has been read without error.</summary>
    private static bool IsWellFormed(ReadOnlySpan<char> pattern)
    {
        while (!pattern.IsEmpty)
        {
            NextChunk(ref pattern, out var chunk);
            if (!TryMatchChunk(chunk, [], out _, out _))
                return false;
        }
        return true;
    }

    /// <summary>Go's <c>scanChunk</c>: takes the leading stars (returns whether there were any) and the run of single-character terms after them.</summary>
    private static bool NextChunk(ref ReadOnlySpan<char> pattern, out ReadOnlySpan<char> chunk)
    {
        var stars = 0;
        while (stars < pattern.Length && pattern[stars] == '*')
            stars++;
        pattern = pattern[stars..];
        var inClass = false;
        var end = 0;
        for (; end < pattern.Length; end++)
        {
            var c = pattern[end];
            if (c == '\\' && end + 1 < pattern.Length)
                end++;
            else if (c == '[')
                inClass = true;
            else if (c == ']')
                inClass = false;
            else if (c == '*' && !inClass)
                break;
        }
        chunk = pattern[..end];
        pattern = pattern[end..];
        return stars > 0;
    }

    /// <summary>
    /// Go's <c>matchChunk</c>: false for a malformed chunk; else whether the chunk matches the start of
    /// <paramref name="text"/>, and the text after it. Once the match has failed it reads on, for errors only.
    /// </summary>
    private static bool TryMatchChunk(scoped ReadOnlySpan<char> chunk, ReadOnlySpan<char> text, out ReadOnlySpan<char> rest, out bool ok)
    {
        rest = default;
        ok = false;
        var failed = false;
        while (!chunk.IsEmpty)
        {
            failed |= text.IsEmpty;
            switch (chunk[0])
            {
                case '[':
                    var character = failed ? 0 : NextRune(ref text);
                    chunk = chunk[1..];
                    var negated = !chunk.IsEmpty && chunk[0] == '^';
                    if (negated)
                        chunk = chunk[1..];
                    var inClass = false;
                    for (var ranges = 0; !(ranges > 0 && !chunk.IsEmpty && chunk[0] == ']'); ranges++)
                    {
                        if (!TryClassCharacter(ref chunk, out var low))
                            return false;
                        var high = low;
                        if (chunk[0] == '-')
                        {
                            chunk = chunk[1..];
                            if (!TryClassCharacter(ref chunk, out high))
                                return false;
                        }
                        inClass |= low <= character && character <= high;
                    }
                    chunk = chunk[1..];
                    failed |= inClass == negated;
                    break;
                case '?':
                    if (!failed)
                    {
                        failed = text[0] == Separator;
                        NextRune(ref text);
                    }
                    chunk = chunk[1..];
                    break;
                default:
                    if (chunk[0] == '\\')
                    {
                        chunk = chunk[1..];
                        if (chunk.IsEmpty)
                            return false;
                    }
                    if (!failed)
                    {
                        failed = chunk[0] != text[0];
                        text = text[1..];
                    }
                    chunk = chunk[1..];
                    break;
            }
        }
        if (!failed)
        {
            ok = true;
            rest = text;
        }
        return true;
    }

    /// <summary>Go's <c>getEsc</c>: one character of a class, maybe escaped; false when there is none, or nothing follows it.</summary>
    private static bool TryClassCharacter(ref ReadOnlySpan<char> chunk, out int character)
    {
        character = 0;
        if (chunk.IsEmpty || chunk[0] is '-' or ']')
            return false;
        if (chunk[0] == '\\')
        {
            chunk = chunk[1..];
            if (chunk.IsEmpty)
                return false;
        }
        if (Rune.DecodeFromUtf16(chunk, out var rune, out var length) != OperationStatus.Done)
            return false;
        character = rune.Value;
        chunk = chunk[length..];
        return !chunk.IsEmpty;
    }

    /// <summary>The rune at the start of <paramref name="text"/>, taken off it (a lone surrogate reads as U+FFFD, as Go reads a bad byte).</summary>
    private static int NextRune(ref ReadOnlySpan<char> text)
    {
        Rune.DecodeFromUtf16(text, out var rune, out var length);
        text = text[length..];
        return rune.Value;
    }
}
