# This is a generated file! Please edit source .ksy file and use kaitai-struct-compiler to rebuild

use strict;
use warnings;
use IO::KaitaiStruct 0.011_000;

########################################################################
package ProxyProtocolV2TlvAzure;

our @ISA = 'IO::KaitaiStruct::Struct';

sub from_file {
    my ($class, $filename) = @_;
    my $fd;

    open($fd, '<', $filename) or return undef;
    binmode($fd);
    return new($class, IO::KaitaiStruct::Stream->new($fd));
}

our $PP2_SUBTYPE_AZURE_PRIVATE_ENDPOINT_LINK_ID = 1;

our $PP2_TYPE_AZURE = 238;

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

    $self->{subtype} = $self->{_io}->read_u1();
    $self->{value} = $self->{_io}->read_u4le();
}

sub subtype {
    my ($self) = @_;
    return $self->{subtype};
}

sub value {
    my ($self) = @_;
    return $self->{value};
}

1;
