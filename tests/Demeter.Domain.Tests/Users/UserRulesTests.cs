using Demeter.Domain.Users;

namespace Demeter.Domain.Tests.Users;

public sealed class UserRulesTests
{
    [Theory]
    [InlineData("admin")]
    [InlineData("rosa.m")]
    [InlineData("worker_07")]
    [InlineData("7-office")]
    public void Lower_case_names_of_letters_digits_and_separators_are_user_names(string name) => Assert.Null(UserRules.UserNameError(name));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("Rosa")]
    [InlineData("rosa maria")]
    [InlineData(".hidden")]
    [InlineData("ro\u202Esa")]
    [InlineData("rosa\u0000")]
    [InlineData("ñandú")]
    public void Other_names_are_refused_with_a_reason(string? name) => Assert.NotNull(UserRules.UserNameError(name));

    [Fact]
    public void A_user_name_has_at_most_64_characters() =>
        Assert.Equal((true, false), (UserRules.UserNameError(new string('a', 64)) is null, UserRules.UserNameError(new string('a', 65)) is null));

    [Theory]
    [InlineData("eight ch", true)]
    [InlineData("seven c", false)]
    [InlineData("a passphrase with spaces and ñ", true)]
    [InlineData("tab\tinside", false)]
    [InlineData("", false)]
    public void Passwords_need_eight_characters_and_no_hidden_ones(string password, bool valid) =>
        Assert.Equal(valid, UserRules.PasswordError(password) is null);

    [Fact]
    public void A_password_has_at_most_256_characters() =>
        Assert.Equal((true, false), (UserRules.PasswordError(new string('x', 256)) is null, UserRules.PasswordError(new string('x', 257)) is null));

    [Fact]
    public void The_last_enabled_admin_may_neither_be_demoted_nor_disabled()
    {
        var admin = new UserSummary("admin", Role.Admin, true);
        var users = new[] { admin, new UserSummary("old-admin", Role.Admin, false), new UserSummary("rosa", Role.Supervisor, true) };

        Assert.NotNull(UserRules.ChangeError(admin, Role.Supervisor, true, users));
        Assert.NotNull(UserRules.ChangeError(admin, Role.Admin, false, users));
        Assert.Null(UserRules.ChangeError(admin, Role.Admin, true, users));
    }

    [Fact]
    public void An_admin_may_step_down_when_another_enabled_admin_remains()
    {
        var admin = new UserSummary("admin", Role.Admin, true);
        var users = new[] { admin, new UserSummary("second", Role.Admin, true) };

        Assert.Null(UserRules.ChangeError(admin, Role.Viewer, false, users));
        Assert.Null(UserRules.ChangeError(new UserSummary("rosa", Role.Worker, true), Role.Viewer, false, [admin]));
    }

    [Fact]
    public void Each_role_may_do_what_the_roles_below_it_may()
    {
        Assert.Equal([Role.Viewer, Role.Worker, Role.Supervisor, Role.Admin], Roles.AtLeast(Role.Viewer));
        Assert.Equal([Role.Supervisor, Role.Admin], Roles.AtLeast(Role.Supervisor));
        Assert.True(Roles.TryParse("Supervisor", out var parsed) && parsed == Role.Supervisor);
        Assert.False(Roles.TryParse("owner", out _));
    }
}
