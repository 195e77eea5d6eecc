using Ibmtp.Diagnostics;

namespace Ibmtp.Tests.Diagnostics;

/// <summary>
/// Go's path/filepath.Match, by Go's own table: matchTests in golang/go src/path/filepath/match_test.go
/// (a malformed pattern is ErrBadPattern whatever the name).
/// </summary>
[TestFixture]
public sealed class GoGlobTests
{
    [TestCase("abc", "abc", true)]
    [TestCase("*", "abc", true)]
    [TestCase("*c", "abc", true)]
    [TestCase("a*", "a", true)]
    [TestCase("a*", "abc", true)]
    [TestCase("a*", "ab/c", false)]
    [TestCase("a*/b", "abc/b", true)]
    [TestCase("a*/b", "a/c/b", false)]
    [TestCase("a*b*c*d*e*/f", "axbxcxdxe/f", true)]
    [TestCase("a*b*c*d*e*/f", "axbxcxdxexxx/f", true)]
    [TestCase("a*b*c*d*e*/f", "axbxcxdxe/xxx/f", false)]
    [TestCase("a*b*c*d*e*/f", "axbxcxdxexxx/fff", false)]
    [TestCase("a*b?c*x", "abxbbxdbxebxczzx", true)]
    [TestCase("a*b?c*x", "abxbbxdbxebxczzy", false)]
    [TestCase("ab[c]", "abc", true)]
    [TestCase("ab[b-d]", "abc", true)]
    [TestCase("ab[e-g]", "abc", false)]
    [TestCase("ab[^c]", "abc", false)]
    [TestCase("ab[^b-d]", "abc", false)]
    [TestCase("ab[^e-g]", "abc", true)]
    [TestCase(@"a\*b", "a*b", true)]
    [TestCase(@"a\*b", "ab", false)]
    [TestCase("a?b", "a☺b", true)]
    [TestCase("a[^a]b", "a☺b", true)]
    [TestCase("a???b", "a☺b", false)]
    [TestCase("a[^a][^a][^a]b", "a☺b", false)]
    [TestCase("[a-ζ]*", "α", true)]
    [TestCase("*[a-ζ]", "A", false)]
    [TestCase("a?b", "a/b", false)]
    [TestCase("a*b", "a/b", false)]
    [TestCase(@"[\]a]", "]", true)]
    [TestCase(@"[\-]", "-", true)]
    [TestCase(@"[x\-]", "x", true)]
    [TestCase(@"[x\-]", "-", true)]
    [TestCase(@"[x\-]", "z", false)]
    [TestCase(@"[\-x]", "x", true)]
    [TestCase(@"[\-x]", "-", true)]
    [TestCase(@"[\-x]", "a", false)]
    [TestCase("*x", "xxx", true)]
    public void Matches_as_Go_does(string pattern, string name, bool matches)
    {
        Assert.That(GoGlob.TryMatch(pattern, name, out var matched), Is.True, "well-formed");
        Assert.That(matched, Is.EqualTo(matches));
    }

    [TestCase("[]a]", "]")]
    [TestCase("[-]", "-")]
    [TestCase("[x-]", "x")]
    [TestCase("[x-]", "-")]
    [TestCase("[x-]", "z")]
    [TestCase("[-x]", "x")]
    [TestCase("[-x]", "-")]
    [TestCase("[-x]", "a")]
    [TestCase(@"\", "a")]
    [TestCase("[a-b-c]", "a")]
    [TestCase("[", "a")]
    [TestCase("[^", "a")]
    [TestCase("[^bc", "a")]
    [TestCase("a[", "a")]
    [TestCase("a[", "ab")]
    [TestCase("a[", "x")]
    [TestCase("a/b[", "x")]
    public void A_malformed_pattern_is_an_error_whatever_the_name(string pattern, string name) =>
        Assert.That(GoGlob.TryMatch(pattern, name, out _), Is.False);

    [TestCase("a*[", "b")]
    [TestCase("x*y*[z", "xy")]
    public void The_rest_of_a_pattern_is_read_before_a_no(string pattern, string name) =>
        Assert.That(GoGlob.TryMatch(pattern, name, out _), Is.False);
}
