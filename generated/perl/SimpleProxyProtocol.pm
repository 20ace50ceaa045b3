# This is a generated file! Please edit source .ksy file and use kaitai-struct-compiler to rebuild

use strict;
use warnings;
use IO::KaitaiStruct 0.011_000;

########################################################################
package SimpleProxyProtocol;

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
    $self->{_root} = $_root || $self;

    $self->_read();

    return $self;
}

sub _read {
    my ($self) = @_;

    $self->{magic} = $self->{_io}->read_u2be();
    $self->{_raw_client_addr} = $self->{_io}->read_bytes(16);
    my $io__raw_client_addr = IO::KaitaiStruct::Stream->new($self->{_raw_client_addr});
    $self->{client_addr} = SimpleProxyProtocol::IpAddress->new($io__raw_client_addr, $self, $self->{_root});
    $self->{_raw_proxy_addr} = $self->{_io}->read_bytes(16);
    my $io__raw_proxy_addr = IO::KaitaiStruct::Stream->new($self->{_raw_proxy_addr});
    $self->{proxy_addr} = SimpleProxyProtocol::IpAddress->new($io__raw_proxy_addr, $self, $self->{_root});
    $self->{client_port} = $self->{_io}->read_u2be();
    $self->{proxy_port} = $self->{_io}->read_u2be();
    $self->{payload} = $self->{_io}->read_bytes_full();
}

sub magic {
    my ($self) = @_;
    return $self->{magic};
}

sub client_addr {
    my ($self) = @_;
    return $self->{client_addr};
}

sub proxy_addr {
    my ($self) = @_;
    return $self->{proxy_addr};
}

sub client_port {
    my ($self) = @_;
    return $self->{client_port};
}

sub proxy_port {
    my ($self) = @_;
    return $self->{proxy_port};
}

sub payload {
    my ($self) = @_;
    return $self->{payload};
}

sub _raw_client_addr {
    my ($self) = @_;
    return $self->{_raw_client_addr};
}

sub _raw_proxy_addr {
    my ($self) = @_;
    return $self->{_raw_proxy_addr};
}

########################################################################
package SimpleProxyProtocol::IpAddress;

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

    $self->{ipv6} = $self->{_io}->read_bytes(16);
}

sub ipv4 {
    my ($self) = @_;
    return $self->{ipv4} if ($self->{ipv4});
    if ($self->is_ipv4_mapped()) {
        my $_pos = $self->{_io}->pos();
        $self->{_io}->seek(12);
        $self->{ipv4} = $self->{_io}->read_bytes(4);
        $self->{_io}->seek($_pos);
    }
    return $self->{ipv4};
}

sub is_ipv4_mapped {
    my ($self) = @_;
    return $self->{is_ipv4_mapped} if ($self->{is_ipv4_mapped});
    $self->{is_ipv4_mapped} = $self->mapped_prefix() eq pack('C*', (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 255, 255));
    return $self->{is_ipv4_mapped};
}

sub mapped_prefix {
    my ($self) = @_;
    return $self->{mapped_prefix} if ($self->{mapped_prefix});
    my $_pos = $self->{_io}->pos();
    $self->{_io}->seek(0);
    $self->{mapped_prefix} = $self->{_io}->read_bytes(12);
    $self->{_io}->seek($_pos);
    return $self->{mapped_prefix};
}

sub ipv6 {
    my ($self) = @_;
    return $self->{ipv6};
}

1;
