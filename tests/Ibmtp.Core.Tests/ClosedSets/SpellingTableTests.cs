using Ibmtp.ClosedSets;

namespace Ibmtp.Tests.ClosedSets;

/// <summary>How a closed set's table reads a spelling and spells a value.</summary>
[TestFixture]
public class SpellingTableTests
{
    public enum Fruit
    {
        Apple,
        Pear,
        BloodOrange,
    }

    private static readonly SpellingTable<Fruit> Fruits = new(
        new(Fruit.Apple, "apple", "a pome"),
        new(Fruit.Pear, "pear", "another pome"),
        new(Fruit.BloodOrange, "blood-orange", "a citrus"));

    [TestCase("blood-orange")]
    [TestCase("Blood-Orange")]
    [TestCase(" BLOOD-ORANGE\t")]
    public void A_spelling_is_read_whatever_its_case_and_the_blanks_around_it(string text)
    {
        Assert.That(Fruits.TryParse(text, out var fruit), Is.True);
        Assert.That(fruit, Is.EqualTo(Fruit.BloodOrange));
    }

    [TestCase("")]
    [TestCase("bloodorange")]
    [TestCase("BloodOrange")]
    [TestCase("apple pear")]
    public void Anything_but_a_spelling_is_no_value(string text)
    {
        Assert.That(Fruits.TryParse(text, out _), Is.False);
    }

    [Test]
    public void A_value_is_spelled_by_its_own_row()
    {
        Assert.That(Fruits.Spelling(Fruit.Pear), Is.EqualTo("pear"));
        Assert.That(Fruits.Spelling(Fruit.BloodOrange), Is.EqualTo("blood-orange"));
    }

    [Test]
    public void A_value_without_a_row_is_refused_rather_than_spelled_wrongly()
    {
        var incomplete = new SpellingTable<Fruit>(new(Fruit.Apple, "apple", "a pome"), new(Fruit.Pear, "pear", "another pome"));

        Assert.That(() => incomplete.Spelling(Fruit.BloodOrange), Throws.TypeOf<ArgumentOutOfRangeException>());
    }
}
