using Demeter.Domain.Common;

namespace Demeter.Domain.Users;

/// <summary>What a user name and a password may be, and which changes to the users keep the system manageable.</summary>
public static class UserRules
{
    public const int MinUserNameLength = 2;
    public const int MaxUserNameLength = 64;

    /// <summary>Eight characters at least, as NIST SP 800-63B asks; the length, not a mix of classes, makes a password strong.</summary>
    public const int MinPasswordLength = 8;

    /// <summary>Long enough for any passphrase; the cap keeps a hostile login from hashing megabytes.</summary>
    public const int MaxPasswordLength = 256;

    /// <summary>Null when <paramref name="userName"/> is a valid user name, else why not.</summary>
    /// <remarks>Lower-case letters, digits, '.', '_' and '-', starting with a letter or digit: a name that reads the
    /// same in a log, a URL and a token, and that two people cannot tell apart only by case.</remarks>
    public static string? UserNameError(string? userName)
    {
        if (string.IsNullOrEmpty(userName))
        {
            return "username is required.";
        }

        if (userName.Length is < MinUserNameLength or > MaxUserNameLength)
        {
            return $"username must be {MinUserNameLength}-{MaxUserNameLength} characters long.";
        }

        if (!char.IsAsciiLetterLower(userName[0]) && !char.IsAsciiDigit(userName[0]))
        {
            return "username must start with a lower-case letter or a digit.";
        }

        return userName.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '_' or '-')
            ? null
            : "username may hold only lower-case letters a-z, digits, '.', '_' and '-'.";
    }

    /// <summary>Null when <paramref name="password"/> may be set as a password, else why not.</summary>
    public static string? PasswordError(string? password, string field = "password")
    {
        if (string.IsNullOrEmpty(password))
        {
            return $"{field} is required.";
        }

        if (password.Length < MinPasswordLength)
        {
            return $"{field} must be at least {MinPasswordLength} characters long.";
        }

        if (password.Length > MaxPasswordLength)
        {
            return $"{field} must be at most {MaxPasswordLength} characters long.";
        }

        return TextRules.HasHiddenCharacters(password) ? $"{field} must not hold control or invisible characters." : null;
    }

    /// <summary>
    /// Null when <paramref name="user"/> may become <paramref name="role"/> (enabled or not as <paramref name="enabled"/>),
    /// else why not: the last enabled admin may not give up the role, or nobody could manage users again.
    /// </summary>
    public static string? ChangeError(UserSummary user, Role role, bool enabled, IEnumerable<UserSummary> users)
    {
        var losesAdmin = user is { Role: Role.Admin, Enabled: true } && (role != Role.Admin || !enabled);
        if (losesAdmin && !users.Any(other => other.UserName != user.UserName && other is { Role: Role.Admin, Enabled: true }))
        {
            return $"'{user.UserName}' is the last enabled admin; make another user admin first.";
        }

        return null;
    }
}

/// <summary>A user as the rules see it.</summary>
public sealed record UserSummary(string UserName, Role Role, bool Enabled);
