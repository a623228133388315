using System.Security.Cryptography;
using System.Text;
using Demeter.Domain.Common;

namespace Demeter.Domain.Tests.Common;

public sealed class DeterministicGuidTests
{
    private static IEnumerable<string> Names() =>
        Enumerable.Range(0, 5000).Select(i => $"name:{i}")
            .Concat(["", " ", "foto:", "photo-batch:1", "ñandú", "nandu", "🌵", "FOTO:abc", "foto:abc"]);

    [Fact]
    public void The_same_name_always_gives_the_same_id()
    {
        foreach (var name in Names())
        {
            Assert.Equal(DeterministicGuid.Create(name), DeterministicGuid.Create(new string(name.AsSpan())));
        }
    }

    [Fact]
    public void Different_names_give_different_ids()
    {
        var names = Names().ToList();

        var ids = names.Select(DeterministicGuid.Create).ToHashSet();

        Assert.Equal(names.Distinct().Count(), ids.Count);
    }

    [Fact]
    public void Every_id_carries_version_8_and_the_rfc_variant()
    {
        foreach (var name in Names())
        {
            var id = DeterministicGuid.Create(name);
            var text = id.ToString("D");

            Assert.Equal(8, id.Version);
            Assert.Equal('8', text[14]);
            Assert.Contains(text[19], "89ab");
            Assert.InRange(id.Variant, 8, 11);
        }
    }

    [Fact]
    public void The_id_is_the_sha256_prefix_of_the_utf8_name_in_big_endian_order()
    {
        foreach (var name in new[] { "foto:0f0e0d0c0b0a49088706050403020100", "photo-batch:15", "ñandú", "" })
        {
            var hex = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)).AsSpan(0, 16));
            var text = DeterministicGuid.Create(name).ToString("N");

            // Every nibble outside the version nibble (12) and the two variant bits (top of nibble 16) is the hash.
            Assert.Equal(hex[..12], text[..12]);
            Assert.Equal(hex[13..16], text[13..16]);
            Assert.Equal(Convert.ToInt32(hex[16..17], 16) & 0x3, Convert.ToInt32(text[16..17], 16) & 0x3);
            Assert.Equal(hex[17..], text[17..]);
        }
    }

    [Fact]
    public void Names_differing_only_in_case_or_accents_give_different_ids()
    {
        Assert.NotEqual(DeterministicGuid.Create("foto:abc"), DeterministicGuid.Create("FOTO:abc"));
        Assert.NotEqual(DeterministicGuid.Create("ñandú"), DeterministicGuid.Create("nandu"));
    }
}
