# This is a generated file! Please edit source .ksy file and use kaitai-struct-compiler to rebuild

use strict;
use warnings;
use IO::KaitaiStruct 0.011_000;

########################################################################
package ProxyProtocolV2;

our @ISA = 'IO::KaitaiStruct::Struct';

sub from_file {
    my ($class, $filename) = @_;
    my $fd;

    open($fd, '<', $filename) or return undef;
    binmode($fd);
    return new($class, IO::KaitaiStruct::Stream->new($fd));
}

our $ADDRESS_FAMILY_UNSPEC = 0;
our $ADDRESS_FAMILY_INET = 1;
our $ADDRESS_FAMILY_INET6 = 2;
our $ADDRESS_FAMILY_UNIX = 3;

our $COMMAND_ENUM_CMD_LOCAL = 0;
our $COMMAND_ENUM_CMD_PROXY = 1;

our $PP2_CLIENT_SSL = 1;
our $PP2_CLIENT_CERT_CONN = 2;
our $PP2_CLIENT_CERT_SESS = 4;

our $PP2_SUBTYPE_SSL_VERSION = 33;
our $PP2_SUBTYPE_SSL_CN = 34;
our $PP2_SUBTYPE_SSL_CIPHER = 35;
our $PP2_SUBTYPE_SSL_SIG_ALG = 36;
our $PP2_SUBTYPE_SSL_KEY_ALG = 37;
our $PP2_SUBTYPE_SSL_GROUP = 38;
our $PP2_SUBTYPE_SSL_SIG_SCHEME = 39;
our $PP2_SUBTYPE_SSL_CLIENT_CERT = 40;

our $PP2_TYPE_ALPN = 1;
our $PP2_TYPE_AUTHORITY = 2;
our $PP2_TYPE_CRC32C = 3;
our $PP2_TYPE_NOOP = 4;
our $PP2_TYPE_UNIQUE_ID = 5;
our $PP2_TYPE_SSL = 32;
our $PP2_TYPE_NETNS = 48;

our $TRANSPORT_PROTOCOL_UNSPEC = 0;
our $TRANSPORT_PROTOCOL_STREAM = 1;
our $TRANSPORT_PROTOCOL_DGRAM = 2;

sub new {
    my ($class, $_io, $_parent, $_root) = @_;
    my $self = IO::KaitaiStruct::Struct->new($_io);

    bless $self, $class;
    $self->{_parent} = $_parent;
    $self->{_root} = $_root || $self;

    $self->_read();

    return $self;
}

sub _read {
    my ($self) = @_;

    $self->{magic} = $self->{_io}->read_bytes(12);
    $self->{version} = $self->{_io}->read_bits_int_be(4);
    $self->{command} = $self->{_io}->read_bits_int_be(4);
    $self->{family} = $self->{_io}->read_bits_int_be(4);
    $self->{transport} = $self->{_io}->read_bits_int_be(4);
    $self->{_io}->align_to_byte();
    $self->{len_body} = $self->{_io}->read_u2be();
    my $_on = ($self->command() == $ProxyProtocolV2::COMMAND_ENUM_CMD_LOCAL ? 0 : $self->family() * 16 + $self->transport());
    if ($_on == 0) {
        $self->{_raw_body} = $self->{_io}->read_bytes($self->len_body());
        my $io__raw_body = IO::KaitaiStruct::Stream->new($self->{_raw_body});
        $self->{body} = ProxyProtocolV2::BodyTlvsOnly->new($io__raw_body, $self, $self->{_root});
    }
    elsif ($_on == 17) {
        $self->{_raw_body} = $self->{_io}->read_bytes($self->len_body());
        my $io__raw_body = IO::KaitaiStruct::Stream->new($self->{_raw_body});
        $self->{body} = ProxyProtocolV2::BodyInet->new($io__raw_body, $self, $self->{_root});
    }
    elsif ($_on == 18) {
        $self->{_raw_body} = $self->{_io}->read_bytes($self->len_body());
        my $io__raw_body = IO::KaitaiStruct::Stream->new($self->{_raw_body});
        $self->{body} = ProxyProtocolV2::BodyInet->new($io__raw_body, $self, $self->{_root});
    }
    elsif ($_on == 33) {
        $self->{_raw_body} = $self->{_io}->read_bytes($self->len_body());
        my $io__raw_body = IO::KaitaiStruct::Stream->new($self->{_raw_body});
        $self->{body} = ProxyProtocolV2::BodyInet6->new($io__raw_body, $self, $self->{_root});
    }
    elsif ($_on == 34) {
        $self->{_raw_body} = $self->{_io}->read_bytes($self->len_body());
        my $io__raw_body = IO::KaitaiStruct::Stream->new($self->{_raw_body});
        $self->{body} = ProxyProtocolV2::BodyInet6->new($io__raw_body, $self, $self->{_root});
    }
    elsif ($_on == 49) {
        $self->{_raw_body} = $self->{_io}->read_bytes($self->len_body());
        my $io__raw_body = IO::KaitaiStruct::Stream->new($self->{_raw_body});
        $self->{body} = ProxyProtocolV2::BodyUnix->new($io__raw_body, $self, $self->{_root});
    }
    elsif ($_on == 50) {
        $self->{_raw_body} = $self->{_io}->read_bytes($self->len_body());
        my $io__raw_body = IO::KaitaiStruct::Stream->new($self->{_raw_body});
        $self->{body} = ProxyProtocolV2::BodyUnix->new($io__raw_body, $self, $self->{_root});
    }
    else {
        $self->{body} = $self->{_io}->read_bytes($self->len_body());
    }
}

sub magic {
    my ($self) = @_;
    return $self->{magic};
}

sub version {
    my ($self) = @_;
    return $self->{version};
}

sub command {
    my ($self) = @_;
    return $self->{command};
}

sub family {
    my ($self) = @_;
    return $self->{family};
}

sub transport {
    my ($self) = @_;
    return $self->{transport};
}

sub len_body {
    my ($self) = @_;
    return $self->{len_body};
}

sub body {
    my ($self) = @_;
    return $self->{body};
}

sub _raw_body {
    my ($self) = @_;
    return $self->{_raw_body};
}

########################################################################
package ProxyProtocolV2::BodyInet;

our @ISA = 'IO::KaitaiStruct::Struct';

sub from_file {
    my ($class, $filename) = @_;
    my $fd;

    open($fd, '<', $filename) or return undef;
    binmode($fd);
    return new($class, IO::KaitaiStruct::Stream->new($fd));
}

sub new {
    my ($class, $_io, $_parent, $_root) = @_;
    my $self = IO::KaitaiStruct::Struct->new($_io);

    bless $self, $class;
    $self->{_parent} = $_parent;
    $self->{_root} = $_root;

    $self->_read();

    return $self;
}

sub _read {
    my ($self) = @_;

    $self->{src_addr} = $self->{_io}->read_bytes(4);
    $self->{dst_addr} = $self->{_io}->read_bytes(4);
    $self->{src_port} = $self->{_io}->read_u2be();
    $self->{dst_port} = $self->{_io}->read_u2be();
    $self->{tlvs} = [];
    while (!$self->{_io}->is_eof()) {
        push @{$self->{tlvs}}, ProxyProtocolV2::Tlv->new($self->{_io}, $self, $self->{_root});
    }
}

sub src_addr {
    my ($self) = @_;
    return $self->{src_addr};
}

sub dst_addr {
    my ($self) = @_;
    return $self->{dst_addr};
}

sub src_port {
    my ($self) = @_;
    return $self->{src_port};
}

sub dst_port {
    my ($self) = @_;
    return $self->{dst_port};
}

sub tlvs {
    my ($self) = @_;
    return $self->{tlvs};
}

########################################################################
package ProxyProtocolV2::BodyInet6;

our @ISA = 'IO::KaitaiStruct::Struct';

sub from_file {
    my ($class, $filename) = @_;
    my $fd;

    open($fd, '<', $filename) or return undef;
    binmode($fd);
    return new($class, IO::KaitaiStruct::Stream->new($fd));
}

sub new {
    my ($class, $_io, $_parent, $_root) = @_;
    my $self = IO::KaitaiStruct::Struct->new($_io);

    bless $self, $class;
    $self->{_parent} = $_parent;
    $self->{_root} = $_root;

    $self->_read();

    return $self;
}

sub _read {
    my ($self) = @_;

    $self->{src_addr} = $self->{_io}->read_bytes(16);
    $self->{dst_addr} = $self->{_io}->read_bytes(16);
    $self->{src_port} = $self->{_io}->read_u2be();
    $self->{dst_port} = $self->{_io}->read_u2be();
    $self->{tlvs} = [];
    while (!$self->{_io}->is_eof()) {
        push @{$self->{tlvs}}, ProxyProtocolV2::Tlv->new($self->{_io}, $self, $self->{_root});
    }
}

sub src_addr {
    my ($self) = @_;
    return $self->{src_addr};
}

sub dst_addr {
    my ($self) = @_;
    return $self->{dst_addr};
}

sub src_port {
    my ($self) = @_;
    return $self->{src_port};
}

sub dst_port {
    my ($self) = @_;
    return $self->{dst_port};
}

sub tlvs {
    my ($self) = @_;
    return $self->{tlvs};
}

########################################################################
package ProxyProtocolV2::BodyTlvsOnly;

our @ISA = 'IO::KaitaiStruct::Struct';

sub from_file {
    my ($class, $filename) = @_;
    my $fd;

    open($fd, '<', $filename) or return undef;
    binmode($fd);
    return new($class, IO::KaitaiStruct::Stream->new($fd));
}

sub new {
    my ($class, $_io, $_parent, $_root) = @_;
    my $self = IO::KaitaiStruct::Struct->new($_io);

    bless $self, $class;
    $self->{_parent} = $_parent;
    $self->{_root} = $_root;

    $self->_read();

    return $self;
}

sub _read {
    my ($self) = @_;

    $self->{tlvs} = [];
    while (!$self->{_io}->is_eof()) {
        push @{$self->{tlvs}}, ProxyProtocolV2::Tlv->new($self->{_io}, $self, $self->{_root});
    }
}

sub tlvs {
    my ($self) = @_;
    return $self->{tlvs};
}

########################################################################
package ProxyProtocolV2::BodyUnix;

our @ISA = 'IO::KaitaiStruct::Struct';

sub from_file {
    my ($class, $filename) = @_;
    my $fd;

    open($fd, '<', $filename) or return undef;
    binmode($fd);
    return new($class, IO::KaitaiStruct::Stream->new($fd));
}

sub new {
    my ($class, $_io, $_parent, $_root) = @_;
    my $self = IO::KaitaiStruct::Struct->new($_io);

    bless $self, $class;
    $self->{_parent} = $_parent;
    $self->{_root} = $_root;

    $self->_read();

    return $self;
}

sub _read {
    my ($self) = @_;

    $self->{src_addr} = $self->{_io}->read_bytes(108);
    $self->{dst_addr} = $self->{_io}->read_bytes(108);
    $self->{tlvs} = [];
    while (!$self->{_io}->is_eof()) {
        push @{$self->{tlvs}}, ProxyProtocolV2::Tlv->new($self->{_io}, $self, $self->{_root});
    }
}

sub src_addr {
    my ($self) = @_;
    return $self->{src_addr};
}

sub dst_addr {
    my ($self) = @_;
    return $self->{dst_addr};
}

sub tlvs {
    my ($self) = @_;
    return $self->{tlvs};
}

########################################################################
package ProxyProtocolV2::SslSubTlv;

our @ISA = 'IO::KaitaiStruct::Struct';

sub from_file {
    my ($class, $filename) = @_;
    my $fd;

    open($fd, '<', $filename) or return undef;
    binmode($fd);
    return new($class, IO::KaitaiStruct::Stream->new($fd));
}

sub new {
    my ($class, $_io, $_parent, $_root) = @_;
    my $self = IO::KaitaiStruct::Struct->new($_io);

    bless $self, $class;
    $self->{_parent} = $_parent;
    $self->{_root} = $_root;

    $self->_read();

    return $self;
}

sub _read {
    my ($self) = @_;

    $self->{subtype} = $self->{_io}->read_u1();
    $self->{len_value} = $self->{_io}->read_u2be();
    $self->{value} = $self->{_io}->read_bytes($self->len_value());
}

sub subtype {
    my ($self) = @_;
    return $self->{subtype};
}

sub len_value {
    my ($self) = @_;
    return $self->{len_value};
}

sub value {
    my ($self) = @_;
    return $self->{value};
}

########################################################################
package ProxyProtocolV2::Tlv;

our @ISA = 'IO::KaitaiStruct::Struct';

sub from_file {
    my ($class, $filename) = @_;
    my $fd;

    open($fd, '<', $filename) or return undef;
    binmode($fd);
    return new($class, IO::KaitaiStruct::Stream->new($fd));
}

sub new {
    my ($class, $_io, $_parent, $_root) = @_;
    my $self = IO::KaitaiStruct::Struct->new($_io);

    bless $self, $class;
    $self->{_parent} = $_parent;
    $self->{_root} = $_root;

    $self->_read();

    return $self;
}

sub _read {
    my ($self) = @_;

    $self->{tlv_type} = $self->{_io}->read_u1();
    $self->{len_value} = $self->{_io}->read_u2be();
    my $_on = $self->tlv_type();
    if ($_on == $ProxyProtocolV2::PP2_TYPE_CRC32C) {
        $self->{_raw_value} = $self->{_io}->read_bytes($self->len_value());
        my $io__raw_value = IO::KaitaiStruct::Stream->new($self->{_raw_value});
        $self->{value} = ProxyProtocolV2::TlvCrc32c->new($io__raw_value, $self, $self->{_root});
    }
    elsif ($_on == $ProxyProtocolV2::PP2_TYPE_SSL) {
        $self->{_raw_value} = $self->{_io}->read_bytes($self->len_value());
        my $io__raw_value = IO::KaitaiStruct::Stream->new($self->{_raw_value});
        $self->{value} = ProxyProtocolV2::TlvSsl->new($io__raw_value, $self, $self->{_root});
    }
    else {
        $self->{value} = $self->{_io}->read_bytes($self->len_value());
    }
}

sub tlv_type {
    my ($self) = @_;
    return $self->{tlv_type};
}

sub len_value {
    my ($self) = @_;
    return $self->{len_value};
}

sub value {
    my ($self) = @_;
    return $self->{value};
}

sub _raw_value {
    my ($self) = @_;
    return $self->{_raw_value};
}

########################################################################
package ProxyProtocolV2::TlvCrc32c;

our @ISA = 'IO::KaitaiStruct::Struct';

sub from_file {
    my ($class, $filename) = @_;
    my $fd;

    open($fd, '<', $filename) or return undef;
    binmode($fd);
    return new($class, IO::KaitaiStruct::Stream->new($fd));
}

sub new {
    my ($class, $_io, $_parent, $_root) = @_;
    my $self = IO::KaitaiStruct::Struct->new($_io);

    bless $self, $class;
    $self->{_parent} = $_parent;
    $self->{_root} = $_root;

    $self->_read();

    return $self;
}

sub _read {
    my ($self) = @_;

    $self->{checksum} = $self->{_io}->read_u4be();
}

sub checksum {
    my ($self) = @_;
    return $self->{checksum};
}

########################################################################
package ProxyProtocolV2::TlvSsl;

our @ISA = 'IO::KaitaiStruct::Struct';

sub from_file {
    my ($class, $filename) = @_;
    my $fd;

    open($fd, '<', $filename) or return undef;
    binmode($fd);
    return new($class, IO::KaitaiStruct::Stream->new($fd));
}

sub new {
    my ($class, $_io, $_parent, $_root) = @_;
    my $self = IO::KaitaiStruct::Struct->new($_io);

    bless $self, $class;
    $self->{_parent} = $_parent;
    $self->{_root} = $_root;

    $self->_read();

    return $self;
}

sub _read {
    my ($self) = @_;

    $self->{client} = $self->{_io}->read_u1();
    $self->{verify} = $self->{_io}->read_u4be();
    $self->{sub_tlvs} = [];
    while (!$self->{_io}->is_eof()) {
        push @{$self->{sub_tlvs}}, ProxyProtocolV2::SslSubTlv->new($self->{_io}, $self, $self->{_root});
    }
}

sub has_cert_conn {
    my ($self) = @_;
    return $self->{has_cert_conn} if ($self->{has_cert_conn});
    $self->{has_cert_conn} = ($self->client() & $ProxyProtocolV2::PP2_CLIENT_CERT_CONN) != 0;
    return $self->{has_cert_conn};
}

sub has_cert_sess {
    my ($self) = @_;
    return $self->{has_cert_sess} if ($self->{has_cert_sess});
    $self->{has_cert_sess} = ($self->client() & $ProxyProtocolV2::PP2_CLIENT_CERT_SESS) != 0;
    return $self->{has_cert_sess};
}

sub is_ssl {
    my ($self) = @_;
    return $self->{is_ssl} if ($self->{is_ssl});
    $self->{is_ssl} = ($self->client() & $ProxyProtocolV2::PP2_CLIENT_SSL) != 0;
    return $self->{is_ssl};
}

sub client {
    my ($self) = @_;
    return $self->{client};
}

sub verify {
    my ($self) = @_;
    return $self->{verify};
}

sub sub_tlvs {
    my ($self) = @_;
    return $self->{sub_tlvs};
}

1;
