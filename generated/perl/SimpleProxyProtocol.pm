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

    $self->{magic} = $self->{_io}->read_bytes(2);
    $self->{client_addr} = $self->{_io}->read_bytes(16);
    $self->{proxy_addr} = $self->{_io}->read_bytes(16);
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

1;
