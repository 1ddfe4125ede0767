using ContactSync.Core.Sources.CompaniesHouse;

namespace ContactSync.Core.Tests.Sources.CompaniesHouse;

public sealed class RegisterNamesTests
{
    [Theory]
    [InlineData("ANTLES, Kerri", "Kerri Antles")]
    [InlineData("O'BRIEN, Siobhan", "Siobhan O'Brien")]
    [InlineData("O\u2019BRIEN, Siobhan", "Siobhan O\u2019Brien")]
    [InlineData("D'ARCY, Emily", "Emily D'Arcy")]
    [InlineData("MCDONALD, Angus James", "Angus James McDonald")]
    [InlineData("MCKAY, Rory", "Rory McKay")]
    [InlineData("MACLEOD, Iain", "Iain MacLeod")]
    [InlineData("MACDONALD, Flora", "Flora MacDonald")]
    [InlineData("MACHIN, Thomas", "Thomas Machin")]
    [InlineData("MACKIE, Ross", "Ross Mackie")]
    [InlineData("MACEY, Jo", "Jo Macey")]
    [InlineData("MACLEOD-O'NEILL, fiona Jane", "Fiona Jane MacLeod-O'Neill")]
    [InlineData("SMITH-JONES, Alexander", "Alexander Smith-Jones")]
    [InlineData("O'SULLIVAN-MCCARTHY, Niamh", "Niamh O'Sullivan-McCarthy")]
    [InlineData("DE LA CRUZ, Maria", "Maria de la Cruz")]
    [InlineData("VAN DER BERG, Pieter", "Pieter van der Berg")]
    [InlineData("VON TRAPP, Georg", "Georg von Trapp")]
    [InlineData("DU PLESSIS, Francois", "Francois du Plessis")]
    [InlineData("LE BRETON, Jean-Luc", "Jean-Luc Le Breton")]
    [InlineData("ST JOHN, Oliver", "Oliver St John")]
    [InlineData("AL-SAYED, Omar", "Omar Al-Sayed")]
    [InlineData("ÅSTRÖM, Lars", "Lars Åström")]
    [InlineData("MÜLLER, Jürgen", "Jürgen Müller")]
    [InlineData("ZAŁĘSKA, Zofia", "Zofia Załęska")]
    [InlineData("FITZGERALD, SARAH", "Sarah Fitzgerald")]
    [InlineData("WILLIAMS, Rhys ap Gareth", "Rhys ap Gareth Williams")]
    [InlineData("BROWN, David John II", "David John II Brown")]
    [InlineData("McAllister, Kirsty", "Kirsty McAllister")]
    [InlineData("de Souza, Ana", "Ana de Souza")]
    [InlineData("NGUYEN, Thi Minh", "Thi Minh Nguyen")]
    [InlineData("CHEN,  Wei ", "Wei Chen")]
    [InlineData("DeSHAWN, marcus", "Marcus DeSHAWN")]
    [InlineData("SMITH, John, Jr", "John, Jr Smith")]
    [InlineData("MADONNA,", "Madonna")]
    [InlineData("SMITH\u00A0JONES, JOHN", "John Smith Jones")]
    [InlineData(",,,", "")]
    [InlineData("-, -", "")]
    [InlineData("   ", "")]
    public void Natural_persons_read_forenames_then_surname_with_the_casing_rebuilt(string register, string expected)
        => Assert.Equal(expected, RegisterNames.ToFullName(register));

    [Theory]
    [InlineData("HARBOUR NOMINEES LIMITED")]
    [InlineData("ANGLIAN BUSINESS CONSULTANCY SERVICES")]
    [InlineData("MCDONALD & O'BRIEN LLP")]
    public void Corporate_names_have_no_comma_and_stay_in_one_piece_as_filed(string register)
        => Assert.Equal(register, RegisterNames.ToFullName(register));
}
