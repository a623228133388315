using Demeter.Domain.Photos.Calibration;

namespace Demeter.Domain.Tests.Photos.Calibration;

public sealed class CalibrationKeyTests
{
    [Fact]
    public void A_key_names_the_product_and_the_packaging_or_none()
    {
        Assert.Equal("product-7-packaging-none", CalibrationKey.For(7, null));
        Assert.Equal("product-7-packaging-3", CalibrationKey.For(7, 3));
    }

    [Fact]
    public void Keys_for_the_largest_ids_are_valid()
    {
        // int.MaxValue = 2147483647: ten digits, the most the pattern allows; the key is 39 characters.
        var key = CalibrationKey.For(int.MaxValue, int.MaxValue);

        Assert.Equal("product-2147483647-packaging-2147483647", key);
        Assert.True(CalibrationKey.IsValid(key));
    }

    [Theory]
    [InlineData("product-7-packaging-none")]
    [InlineData("product-7-packaging-3")]
    [InlineData("product-0-packaging-0")]
    [InlineData("product-1234567890-packaging-1234567890")]
    public void Keys_made_by_for_are_valid(string key)
    {
        Assert.True(CalibrationKey.IsValid(key));
    }

    [Theory]
    [InlineData("")]
    [InlineData("x")]
    [InlineData("product--packaging-1")]
    [InlineData("product-7-packaging-")]
    [InlineData("product-7-packaging-None")]
    [InlineData("product-7-packaging-3 ")]
    [InlineData(" product-7-packaging-3")]
    [InlineData("product-7 -packaging-3")]
    [InlineData("product-12345678901-packaging-1")]
    [InlineData("product-a-packaging-1")]
    [InlineData("product-7-packaging-3/../x")]
    public void Anything_else_is_not_a_key(string key)
    {
        Assert.False(CalibrationKey.IsValid(key));
    }

    [Fact]
    public void A_key_with_a_trailing_newline_is_not_a_key()
    {
        // Not a key For makes ("product-7-packaging-3" plus a line feed), and not one an entity id or URL should take.
        Assert.False(CalibrationKey.IsValid("product-7-packaging-3\n"));
    }

    [Fact]
    public void Null_is_not_a_key()
    {
        Assert.False(CalibrationKey.IsValid(null));
    }

    [Fact]
    public void A_key_over_64_characters_is_not_a_key()
    {
        // "product-" (8) + 60 digits + "-packaging-none" (15) = 83 characters.
        var key = "product-" + new string('1', 60) + "-packaging-none";

        Assert.True(key.Length > 64);
        Assert.False(CalibrationKey.IsValid(key));
    }
}
